import { randomBytes } from "node:crypto";
import { z } from "zod";
import { CadenceSchema, type AlertStore, type Cadence, type ChannelRef, type Subscription } from "../../model/alerts.ts";
import { addDays, londonDay } from "../../model/days.ts";
import { DEFAULT_AT, validAt } from "../alerts/schedule.ts";
import type { CommandContext } from "../core.ts";
import { errorReply, infoReply, type Reply } from "../../model/reply.ts";
import type { Query } from "../search/query.ts";
import type { SearchEngine } from "../search/engine.ts";
import { defineCommand, fail, ok, typedIn, type CommandDeps } from "./command.ts";

/** More than this many matching answers a day gets a warning before subscribing. */
export const BUSY_PER_DAY = 20;

export const NOT_IN_CHANNEL =
  "Subscriptions post to a Slack or Discord channel: run this command in the channel that should receive the answers.";

/** The query with its every: and at: options taken out. */
export function parseSubscribeText(text: string): { ok: true; query: string; cadence: Cadence; at: string } | { ok: false; message: string } {
  let cadence: Cadence = "instant";
  let at: string | null = null;
  const rest: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const m = /^(every|at):(.*)$/i.exec(word);
    if (!m) {
      rest.push(word);
      continue;
    }
    const value = m[2]!.toLowerCase();
    if (m[1]!.toLowerCase() === "every") {
      const c = CadenceSchema.safeParse(value);
      if (!c.success) return { ok: false, message: `every: is instant, daily or weekly, e.g. xinjiang every:daily` };
      cadence = c.data;
    } else {
      const padded = /^\d:\d{2}$/.test(value) ? `0${value}` : value;
      if (!validAt(padded)) return { ok: false, message: `at: is a London time as HH:MM, e.g. xinjiang every:daily at:08:30` };
      at = padded;
    }
  }
  if (at !== null && cadence === "instant")
    return { ok: false, message: "at: sets the time of a digest: add every:daily or every:weekly, e.g. xinjiang every:daily at:08:30" };
  const query = rest.join(" ").trim();
  if (!query) return { ok: false, message: "Say what to follow, e.g. xinjiang every:daily" };
  return { ok: true, query, cadence, at: at ?? DEFAULT_AT };
}

/** The channel a command is about, or why there is none. */
export function channelOf(ctx: CommandContext): ChannelRef | null {
  if ((ctx.platform !== "slack" && ctx.platform !== "discord") || !ctx.workspaceId || !ctx.channelId) return null;
  return { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
}

const UNAVAILABLE = "Subscriptions are not set up on this wq.";

/** Every subscription command needs a channel of Slack or Discord, and alerts set up. */
export function subscriptionsUnavailable(deps: CommandDeps, ctx: CommandContext): string | null {
  if (!channelOf(ctx)) return NOT_IN_CHANNEL;
  if (!deps.alertStore) return UNAVAILABLE;
  return null;
}

/** The channel and alert store, which `subscriptionsUnavailable` has already checked. */
export function placeOf(deps: CommandDeps, ctx: CommandContext): { channel: ChannelRef; alertStore: AlertStore } {
  const channel = channelOf(ctx);
  if (!channel || !deps.alertStore) throw new Error("a subscription command ran where it is unavailable");
  return { channel, alertStore: deps.alertStore };
}

/** The query limited to answers of the last `days` London days, for counting. */
export function lastDays(query: Query, now: Date, days: number): Query {
  const today = londonDay(now);
  const from = addDays(today, -(days - 1));
  const own = query.filters.answered;
  const answered = {
    from: own?.from && own.from > from ? own.from : from,
    to: own?.to && own.to < today ? own.to : today,
  };
  return { ...query, sort: "newest", filters: { ...query.filters, answered } };
}

export async function countRecent(index: SearchEngine, query: Query, now: Date, days: number): Promise<number> {
  // Holding answers are counted only when asked for, as they are posted only then.
  const q = lastDays(query, now, days);
  const all = await index.search(q, 0, 0);
  if (query.filters.statuses.length > 0) return all.total;
  const holding = await index.search({ ...q, filters: { ...q.filters, statuses: ["holding"] } }, 0, 0);
  return all.total - holding.total;
}

export function cadenceText(s: Pick<Subscription, "cadence" | "at">): string {
  if (s.cadence === "instant") return "as they come";
  return s.cadence === "daily" ? `daily digest, working days at ${s.at}` : `weekly digest, Mondays at ${s.at}`;
}

export function newId(): string {
  return randomBytes(2).toString("hex");
}

/** unsubscribe, pause and resume: only a subscription of this channel, by someone allowed to change it. */
async function changeReply(deps: CommandDeps, action: "unsubscribe" | "pause" | "resume", id: string, ctx: CommandContext): Promise<Reply> {
  // The core checked the permission first: a refused person learns nothing of any subscription,
  // not even whether it exists.
  const { channel, alertStore } = placeOf(deps, ctx);
  const typed = typedIn(ctx);
  const sub = await alertStore.getSubscription(id);
  // Unknown, another workspace's and another channel's answer alike, so ids cannot be probed.
  const here =
    sub && sub.channel.platform === channel.platform && sub.channel.workspaceId === channel.workspaceId && sub.channel.channelId === channel.channelId;
  if (!sub || !here) return errorReply(`No subscription ${id} in this workspace posts to this channel. ${typed("subscriptions")} lists this channel's.`);
  switch (action) {
    case "unsubscribe":
      await alertStore.deleteSubscription(id);
      await deps.store.setMeta(`alerts:digest:${id}`, JSON.stringify({ entries: [] }));
      return infoReply("Unsubscribed", `This channel no longer follows ${sub.query} (subscription ${id}).`);
    case "pause":
      if (sub.paused) return infoReply("Already paused", `Subscription ${id} (${sub.query}) is paused: ${sub.pausedReason ?? ""}`);
      await alertStore.updateSubscription(id, { paused: true, pausedReason: `paused by ${ctx.userName ?? ctx.userId}` });
      return infoReply("Paused", `Subscription ${id} (${sub.query}) is paused; ${typed("resume")} ${id} starts it again.`);
    case "resume":
      if (!sub.paused) return infoReply("Not paused", `Subscription ${id} (${sub.query}) is running.`);
      await alertStore.updateSubscription(id, { paused: false, pausedReason: null });
      return infoReply("Resumed", `Subscription ${id} (${sub.query}) posts again from now on.`);
  }
}

/** unsubscribe, pause and resume: only a subscription of this channel, by someone allowed to change it. */
export function changeCommand(name: "unsubscribe" | "pause" | "resume", summary: string) {
  return defineCommand({
    name,
    usage: "<id>",
    summary,
    args: z.object({ id: z.string() }),
    parse: (rest, typed) =>
      !rest || /\s/.test(rest) ? fail(`Say which subscription, by its id from ${typed("subscriptions")}, e.g. ${typed(name)} 4f2a`) : ok({ id: rest.toLowerCase() }),
    requires: "manageSubscriptions",
    unavailable: subscriptionsUnavailable,
    run: (args, deps, ctx) => changeReply(deps, name, args.id, ctx),
  });
}
