import { randomBytes } from "node:crypto";
import type { Store } from "../../store/store.ts";
import { CadenceSchema, type AlertStore, type Cadence, type ChannelRef, type Mention, type Subscription } from "../../model/alerts.ts";
import { mentionLabels, takeNotify } from "../alerts/notify.ts";
import { addDays, DEFAULT_AT, londonDay, nextDigestAt, londonLabel, validAt } from "../alerts/schedule.ts";
import type { CommandContext } from "../core.ts";
import { errorReply, infoReply, type Reply } from "../../model/reply.ts";
import type { Query } from "../search/query.ts";
import type { SearchEngine } from "../search/engine.ts";
import { longDate } from "./cards.ts";
import { hitCards, parseOrExplain } from "./search.ts";

export interface SubscriptionDeps {
  store: Store;
  index: SearchEngine;
  /** Absent where alerts are not set up: the commands say so. */
  alertStore?: AlertStore;
  now: () => Date;
  /** New subscription ids (tests pin them). */
  newId?: () => string;
}

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

/**
 * How a subscription command is typed where the person is: Discord keeps them under their own
 * command (`/wq-alerts`, which only channel managers see), Slack and the console under `/wq`.
 */
export function commandHint(ctx: CommandContext, name: "subscribe" | "subscriptions" | "unsubscribe" | "pause" | "resume"): string {
  if (ctx.platform === "discord") return `/wq-alerts ${name === "subscriptions" ? "list" : name}`;
  return `/wq ${name}`;
}

/** The channel a command is about, or why there is none. */
function channelOf(ctx: CommandContext): ChannelRef | null {
  if ((ctx.platform !== "slack" && ctx.platform !== "discord") || !ctx.workspaceId || !ctx.channelId) return null;
  return { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
}

function refusal(ctx: CommandContext): Reply | null {
  const can = ctx.canManageSubscriptions;
  if (can?.allowed) return null;
  return errorReply(`You cannot change this channel's subscriptions: ${can?.reason ?? "your permissions could not be checked"}.`);
}

const UNAVAILABLE = "Subscriptions are not set up on this wq.";

/** The query limited to answers of the last `days` London days, for counting. */
function lastDays(query: Query, now: Date, days: number): Query {
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

function cadenceText(s: Pick<Subscription, "cadence" | "at">): string {
  if (s.cadence === "instant") return "as they come";
  return s.cadence === "daily" ? `daily digest, working days at ${s.at}` : `weekly digest, Mondays at ${s.at}`;
}

function newId(): string {
  return randomBytes(2).toString("hex");
}

/** The text's notify: names checked against the workspace, and the text without them. */
async function resolveNotify(text: string, ctx: CommandContext): Promise<{ ok: true; rest: string; mentions: Mention[] } | { ok: false; message: string }> {
  const taken = takeNotify(text);
  if (!taken.ok) return taken;
  if (taken.names.length === 0) return { ok: true, rest: taken.rest, mentions: [] };
  if (!ctx.resolveMentions) return { ok: false, message: `notify: is not available here: wq cannot check who to ping in this place. Subscribe without it, e.g. dept:dhsc` };
  const found = await ctx.resolveMentions(taken.names);
  return found.ok ? { ok: true, rest: taken.rest, mentions: found.mentions } : found;
}

export async function subscribeCommand(deps: SubscriptionDeps, text: string, confirm: boolean, ctx: CommandContext): Promise<Reply> {
  const channel = channelOf(ctx);
  if (!channel) return errorReply(NOT_IN_CHANNEL);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  const refused = refusal(ctx);
  if (refused) return refused;
  const notify = await resolveNotify(text, ctx);
  if (!notify.ok) return errorReply(notify.message);
  const options = parseSubscribeText(notify.rest);
  if (!options.ok) return errorReply(options.message);
  const parsed = parseOrExplain(options.query);
  if (!parsed.ok) return parsed.reply;
  const now = deps.now();

  if (!confirm) {
    const week = await countRecent(deps.index, parsed.query, now, 7);
    const month = await countRecent(deps.index, parsed.query, now, 30);
    const examples = await deps.index.search(lastDays(parsed.query, now, 30), 0, 3);
    const { cards } = await hitCards(deps, parsed.query, examples.hits.map((h) => h.id));
    const perDay = Math.max(week / 7, month / 30);
    const lines = [
      `In the last 7 days ${week} answer${week === 1 ? "" : "s"} matched; in the last 30 days ${month}.`,
      `This channel would get them ${cadenceText(options)}.`,
    ];
    if (notify.mentions.length > 0) lines.push(`Each post will notify ${mentionLabels(notify.mentions)}.`);
    if (options.cadence !== "instant") lines.push(`First digest: ${londonLabel(nextDigestAt(options, now)!)} (London time).`);
    if (perDay > BUSY_PER_DAY)
      lines.push(
        `Warning: about ${Math.round(perDay)} a day. Consider a narrower query${options.cadence === "instant" ? " or a digest (every:daily)" : ""}.`,
      );
    if (month === 0) lines.push("Nothing matched in the last 30 days: check the query, or subscribe anyway to catch the first.");
    if (cards.length > 0) lines.push("Recent examples:");
    return {
      kind: "results",
      title: `Subscribe this channel to ${options.query}?`,
      text: lines.join("\n"),
      cards,
      actions: [{ kind: "confirm", label: "Subscribe", request: { name: "subscribe", text, confirm: true } }],
      visibility: "private",
    };
  }

  const existing = await deps.alertStore.listSubscriptions({ ...channel });
  const same = existing.find(
    (s) => s.query === options.query && s.cadence === options.cadence && s.at === options.at && mentionLabels(s.notify ?? []) === mentionLabels(notify.mentions),
  );
  if (same) return infoReply("Already subscribed", `This channel already follows ${same.query} (${cadenceText(same)}), subscription ${same.id}.`);
  let id = "";
  for (let i = 0; ; i++) {
    id = (deps.newId ?? newId)();
    if (i >= 5) id += randomBytes(1).toString("hex");
    if (!(await deps.alertStore.getSubscription(id))) break;
  }
  const sub: Subscription = {
    id,
    channel,
    query: options.query,
    cadence: options.cadence,
    at: options.at,
    createdBy: { id: ctx.userId, name: ctx.userName ?? null },
    createdAt: now.toISOString(),
    paused: false,
    pausedReason: null,
    lastPostAt: null,
    ...(notify.mentions.length > 0 ? { notify: notify.mentions } : {}),
  };
  await deps.alertStore.createSubscription(sub);
  return infoReply(
    `Subscribed: ${sub.query}`,
    `This channel will get new answers matching ${sub.query} ${cadenceText(sub)}. Subscription ${sub.id}: ${commandHint(ctx, "pause")} ${sub.id}, ${commandHint(ctx, "unsubscribe")} ${sub.id}.`,
  );
}

export async function listSubscriptionsCommand(deps: SubscriptionDeps, ctx: CommandContext): Promise<Reply> {
  const channel = channelOf(ctx);
  if (!channel) return errorReply(NOT_IN_CHANNEL);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  // Another channel's subscriptions (a private channel's included) are shown only to those who
  // may see the whole workspace; everyone else sees the channel they are in.
  const workspaceWide = ctx.seesWorkspaceSubscriptions === true;
  const where = workspaceWide ? "this workspace" : "this channel";
  const subs = await deps.alertStore.listSubscriptions(
    workspaceWide ? { platform: channel.platform, workspaceId: channel.workspaceId } : { ...channel },
  );
  if (subs.length === 0) return infoReply("No subscriptions", `None in ${where} yet. Start one with ${commandHint(ctx, "subscribe")} <query>, e.g. ${commandHint(ctx, "subscribe")} xinjiang every:daily`);
  const now = deps.now();
  // This channel's first.
  const ordered = [...subs.filter((s) => s.channel.channelId === channel.channelId), ...subs.filter((s) => s.channel.channelId !== channel.channelId)];
  const lines: string[] = [];
  for (const s of ordered) {
    const parsed = parseOrExplain(s.query);
    const week = parsed.ok ? await countRecent(deps.index, parsed.query, now, 7) : 0;
    const at = s.channel.channelId === channel.channelId ? "this channel" : `channel ${s.channel.channelId}`;
    const by = s.createdBy.name ?? s.createdBy.id;
    const last = s.lastPostAt ? `last post ${londonLabel(new Date(s.lastPostAt))}` : "nothing posted yet";
    const pings = s.notify?.length ? ` · notifies ${mentionLabels(s.notify)}` : "";
    const state = s.paused ? ` · PAUSED (${s.pausedReason ?? "paused"})` : "";
    lines.push(
      `${s.id}  ${s.query}\n    ${cadenceText(s)} · ${at} · by ${by}, ${longDate(londonDay(new Date(s.createdAt)))} · ${last} · ${week} match${week === 1 ? "" : "es"} in the last 7 days${pings}${state}`,
    );
  }
  return infoReply(`${subs.length} subscription${subs.length === 1 ? "" : "s"} in ${where}`, lines.join("\n"));
}

/** unsubscribe, pause and resume: only a subscription of this channel, by someone allowed to change it. */
export async function changeSubscriptionCommand(
  deps: SubscriptionDeps,
  action: "unsubscribe" | "pause" | "resume",
  id: string,
  ctx: CommandContext,
): Promise<Reply> {
  const channel = channelOf(ctx);
  if (!channel) return errorReply(NOT_IN_CHANNEL);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  // The permission first: a refused person learns nothing of any subscription, not even whether it exists.
  const refused = refusal(ctx);
  if (refused) return refused;
  const sub = await deps.alertStore.getSubscription(id);
  // Unknown, another workspace's and another channel's answer alike, so ids cannot be probed.
  const here =
    sub && sub.channel.platform === channel.platform && sub.channel.workspaceId === channel.workspaceId && sub.channel.channelId === channel.channelId;
  if (!sub || !here) return errorReply(`No subscription ${id} in this workspace posts to this channel. ${commandHint(ctx, "subscriptions")} lists this channel's.`);
  switch (action) {
    case "unsubscribe":
      await deps.alertStore.deleteSubscription(id);
      await deps.store.setMeta(`alerts:digest:${id}`, JSON.stringify({ entries: [] }));
      return infoReply("Unsubscribed", `This channel no longer follows ${sub.query} (subscription ${id}).`);
    case "pause":
      if (sub.paused) return infoReply("Already paused", `Subscription ${id} (${sub.query}) is paused: ${sub.pausedReason ?? ""}`);
      await deps.alertStore.updateSubscription(id, { paused: true, pausedReason: `paused by ${ctx.userName ?? ctx.userId}` });
      return infoReply("Paused", `Subscription ${id} (${sub.query}) is paused; ${commandHint(ctx, "resume")} ${id} starts it again.`);
    case "resume":
      if (!sub.paused) return infoReply("Not paused", `Subscription ${id} (${sub.query}) is running.`);
      await deps.alertStore.updateSubscription(id, { paused: false, pausedReason: null });
      return infoReply("Resumed", `Subscription ${id} (${sub.query}) posts again from now on.`);
  }
}
