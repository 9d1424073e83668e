/**
 * What `watch`, `watching` and `unwatch` do, whatever table declares them. A watch belongs to the
 * person who made it: only they list or end it, and another person's watch id answers as an
 * unknown one. Where it posts is decided here, from where the command came from: the thread of a
 * public message the Watch button was pressed on (a channel watch, which needs the subscription
 * permission), else privately to the watcher.
 */
import { randomBytes } from "node:crypto";
import type { AlertStore, Watch, WatchTarget } from "../../model/alerts.ts";
import type { Question } from "../../model/question.ts";
import { errorReply, infoReply, type Action, type Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { longDate } from "../commands/cards.ts";
import { parseRef } from "../commands/refs.ts";
import { watchEventOf } from "./events.ts";
import { londonDay } from "../../model/days.ts";
import { watchEndsOn } from "./watch-end.ts";

export interface WatchDeps {
  store: Pick<Store, "getQuestion" | "findByUin" | "getQuestions">;
  alertStore?: AlertStore;
  now: () => Date;
  /** New watch ids (tests pin them). */
  newId?: () => string;
}

/** Where the command came from, as the watch commands need it. */
export interface WatchPlace {
  platform: "console" | "cli" | "slack" | "discord";
  userId: string;
  userName?: string;
  workspaceId?: string;
  channelId?: string;
  /** The message a button was pressed on: public (in the channel for all) or private (ephemeral). */
  message?: { id: string; public: boolean };
  /** `/wq watch` as typed here, for hints. */
  typed: (name: string) => string;
  /** Whether this person may post watches into the channel (the subscription permission). */
  mayPostInChannel: () => Promise<{ allowed: boolean; reason: string }>;
}

export const NOT_IN_WORKSPACE = "Watches post to you in Slack or Discord: run this there, e.g. /wq watch 2026-05-12/HL1234";
const UNAVAILABLE = "Watches are not set up on this wq.";

/** "HL1234, tabled 2 November 2026". */
function labelOf(q: Question): string {
  return `${q.uin ?? q.id}, tabled ${longDate(q.dateTabled)}`;
}

function where(t: WatchTarget): string {
  return t.kind === "thread" ? "in the thread of the message it was watched from" : "to you directly";
}

/** Starts a watch of `ref` for this person, posting where the command came from. */
export async function watchCommand(deps: WatchDeps, ref: string, place: WatchPlace): Promise<Reply> {
  if ((place.platform !== "slack" && place.platform !== "discord") || !place.workspaceId) return errorReply(NOT_IN_WORKSPACE);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  const parsed = parseRef(ref);
  if (!parsed) return errorReply(`"${ref}" is not a question reference. Use an id (1721288), date/UIN (2024-07-17/67) or an official link, e.g. ${place.typed("watch")} 2024-07-17/67`);
  const q = parsed.kind === "id" ? await deps.store.getQuestion(parsed.id) : await deps.store.findByUin(parsed.dateTabled, parsed.uin);
  if (!q) return errorReply(`No question ${ref} is held. Find it with ${place.typed("search")}, then watch it, e.g. ${place.typed("watch")} 2024-07-17/67`);
  if (q.isWithdrawn) return infoReply("Nothing to watch", `${labelOf(q)} was withdrawn: nothing more will come of it.`);
  const endsOn = watchEndsOn(q);
  const today = londonDay(deps.now());
  if (endsOn !== null && today >= endsOn)
    return infoReply("Nothing to watch", `${labelOf(q)} was answered on ${longDate(q.dateAnswered!)}, and no correction came within 30 days.`);

  const mine = await deps.alertStore.listWatches({ platform: place.platform, workspaceId: place.workspaceId, userId: place.userId });
  const already = mine.find((w) => w.questionId === q.id);
  if (already) return infoReply("Already watching", `You watch ${labelOf(q)} (watch ${already.id}), posting ${where(already.target)}.`);

  let target: WatchTarget = { kind: "direct", platform: place.platform, workspaceId: place.workspaceId, userId: place.userId };
  let note = "";
  if (place.message?.public && place.channelId) {
    const may = await place.mayPostInChannel();
    if (may.allowed) target = { kind: "thread", channel: { platform: place.platform, workspaceId: place.workspaceId, channelId: place.channelId }, messageId: place.message.id };
    else note = ` You cannot add posts to this channel (${may.reason}), so wq will write to you directly.`;
  }
  let id = "";
  for (let i = 0; ; i++) {
    id = `w${(deps.newId ?? (() => randomBytes(2).toString("hex")))()}`;
    if (i >= 5) id += randomBytes(1).toString("hex");
    if (!(await deps.alertStore.getWatch(id))) break;
  }
  const watch: Watch = {
    id,
    questionId: q.id,
    label: labelOf(q),
    platform: place.platform,
    workspaceId: place.workspaceId,
    user: { id: place.userId, name: place.userName ?? null },
    target,
    startTag: watchEventOf(q)?.tag ?? null,
    createdAt: deps.now().toISOString(),
    endedAt: null,
    endedReason: null,
  };
  await deps.alertStore.createWatch(watch);
  const next = q.dateAnswered && !q.isHolding ? "any correction in the next 30 days, or a withdrawal" : "its holding answer, its answer, any correction and a withdrawal";
  return infoReply(
    `Watching ${q.uin ?? q.id}: ${q.heading || "Written question"}`,
    `wq will post ${next}, ${where(target)}. Watch ${id}: ${place.typed("unwatch")} ${id} stops it.${note}`,
  );
}

/** How many Unwatch buttons a list offers (the first watches; the rest by `unwatch <id>`). */
export const UNWATCH_BUTTONS = 10;

/** This person's running watches in this workspace, with a button to stop each of the first few. */
export async function watchingCommand(deps: WatchDeps, place: WatchPlace, unwatchAction?: (watchId: string) => Action): Promise<Reply> {
  if ((place.platform !== "slack" && place.platform !== "discord") || !place.workspaceId) return errorReply(NOT_IN_WORKSPACE);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  const watches = await deps.alertStore.listWatches({ platform: place.platform, workspaceId: place.workspaceId, userId: place.userId });
  if (watches.length === 0) return infoReply("No watches", `You watch no questions here. Start with ${place.typed("watch")} <question>, e.g. ${place.typed("watch")} 2024-07-17/67, or the Watch button on a question.`);
  const questions = new Map((await deps.store.getQuestions(watches.map((w) => w.questionId))).map((q) => [q.id, q] as const));
  const lines = watches.map((w) => {
    const q = questions.get(w.questionId);
    const heading = q?.heading ? ` ${q.heading}` : "";
    const state = !q ? "not held any more" : q.isWithdrawn ? "withdrawn" : q.dateAnswered && !q.isHolding ? `answered ${longDate(q.dateAnswered)}; watching for corrections until ${longDate(watchEndsOn(q) ?? q.dateAnswered)}` : q.isHolding ? "holding answer so far" : "waiting for an answer";
    const at = w.target.kind === "thread" ? `in a thread of channel ${w.target.channel.channelId}` : "to you directly";
    return `${w.id}  ${w.label}${heading}\n    ${state} · posts ${at} · since ${longDate(londonDay(new Date(w.createdAt)))}`;
  });
  const reply = infoReply(`You watch ${watches.length} question${watches.length === 1 ? "" : "s"}`, lines.join("\n"));
  return unwatchAction ? { ...reply, actions: watches.slice(0, UNWATCH_BUTTONS).map((w) => unwatchAction(w.id)) } : reply;
}

/** Ends one of this person's watches, named by watch id or by the question. */
export async function unwatchCommand(deps: WatchDeps, ref: string, place: WatchPlace): Promise<Reply> {
  if ((place.platform !== "slack" && place.platform !== "discord") || !place.workspaceId) return errorReply(NOT_IN_WORKSPACE);
  if (!deps.alertStore) return errorReply(UNAVAILABLE);
  const mine = await deps.alertStore.listWatches({ platform: place.platform, workspaceId: place.workspaceId, userId: place.userId });
  let found = mine.find((w) => w.id === ref.toLowerCase());
  if (!found && parseRef(ref)) {
    const parsed = parseRef(ref)!;
    const q = parsed.kind === "id" ? await deps.store.getQuestion(parsed.id) : await deps.store.findByUin(parsed.dateTabled, parsed.uin);
    found = q ? mine.find((w) => w.questionId === q.id) : undefined;
  }
  // Someone else's watch answers as an unknown one, so ids cannot be probed.
  if (!found) return errorReply(`You have no watch ${ref} here. ${place.typed("watching")} lists yours, e.g. ${place.typed("unwatch")} w1a2b`);
  await deps.alertStore.endWatch(found.id, deps.now().toISOString(), `unwatched by ${place.userName ?? place.userId}`);
  return infoReply("Unwatched", `wq no longer watches ${found.label} for you (watch ${found.id}).`);
}
