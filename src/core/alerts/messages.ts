import { questionCard } from "../commands/cards.ts";
import type { Question } from "../../model/question.ts";
import type { Action, Card, Reply } from "../../model/reply.ts";
import { fullAction } from "../commands/show.ts";
import { watchAction } from "../commands/watch.ts";
import type { AnswerEvent, WatchEvent } from "./events.ts";
import type { Subscription, Watch } from "../../model/alerts.ts";
import { correctionDiff } from "./answer-diff.ts";
import { groupLine, type GroupMember } from "../groups/grouped-answers.ts";
import { londonLabel } from "./schedule.ts";

/** How many items a digest message names; every item is posted in its thread regardless. */
export const DIGEST_TOP = 5;

/** "subscription 4f2a (xinjiang)" or "subscriptions 4f2a (xinjiang), 9c1d (dept:fcdo)". */
export function subscriptionNames(subs: readonly Pick<Subscription, "id" | "query">[]): string {
  const names = subs.map((s) => `${s.id} (${s.query})`).join(", ");
  return `${subs.length === 1 ? "subscription" : "subscriptions"} ${names}`;
}

/** An alert's card offers the full answer, and a Watch that follows the question in the post's thread. */
function alertCardActions(q: Question): Action[] {
  return [fullAction(q.id), watchAction(q.id)];
}

/** What a post about a question adds to its card: the group it was answered with, what a correction changed. */
export interface PostExtras {
  group?: readonly GroupMember[] | null;
}

function withExtras(reply: Reply, q: Question, event: { kind: string }, extras: PostExtras): Reply {
  const lines = [reply.text];
  if (extras.group) lines.push(groupLine(extras.group));
  const diff = event.kind === "correction" ? correctionDiff(q) : null;
  return { ...reply, text: lines.filter(Boolean).join("\n"), ...(diff ? { diff } : {}) };
}

/** One new answer (or holding answer, or correction) posted as it comes. */
export function instantReply(
  q: Question,
  event: AnswerEvent,
  subs: readonly Subscription[],
  threaded: boolean,
  card: Card,
  extras: PostExtras = {},
): Reply {
  const title =
    event.kind === "correction"
      ? threaded
        ? "Correction: the answer above was corrected"
        : "Corrected answer"
      : event.kind === "holding"
        ? "Holding answer"
        : extras.group
          ? "New answer to questions answered together"
          : "New answer";
  const reply: Reply = {
    kind: "question",
    title,
    text: `Matches ${subscriptionNames(subs)}.`,
    cards: [{ ...card, actions: alertCardActions(q) }],
    actions: [],
    visibility: "public",
  };
  return withExtras(reply, q, event, extras);
}

const WATCH_TITLE: Record<WatchEvent["kind"], string> = {
  holding: "Watched question: holding answer",
  answer: "Watched question: answered",
  correction: "Watched question: the answer was corrected",
  withdrawn: "Watched question: withdrawn",
};

/** A change to a watched question, posted where the watch was made. */
export function watchReply(q: Question, event: WatchEvent, watches: readonly Pick<Watch, "id" | "user">[], today: string, extras: PostExtras = {}): Reply {
  const who = [...new Set(watches.map((w) => w.user.name ?? w.user.id))].join(", ");
  const ids = watches.map((w) => w.id).join(", ");
  const end =
    event.kind === "withdrawn"
      ? "The watch has ended."
      : event.kind === "holding"
        ? "A holding answer is not the answer: the watch goes on."
        : "The watch ends 30 days after the answer if no correction comes.";
  const reply: Reply = {
    kind: "question",
    title: WATCH_TITLE[event.kind],
    text: `Watched by ${who} (watch ${ids}). ${end}`,
    cards: [{ ...questionCard(q, { full: false }, today), actions: alertCardActions(q) }],
    actions: [],
    visibility: "public",
  };
  return withExtras(reply, q, event, extras);
}

export interface DigestEntryView {
  question: Question;
  event: AnswerEvent;
}

/** The digest message itself: how many, the top few; every item follows in its thread. */
export function digestReply(sub: Subscription, at: Date, entries: readonly DigestEntryView[]): Reply {
  const n = entries.length;
  const what = `${n} new answer${n === 1 ? "" : "s"}`;
  const top = entries.slice(0, DIGEST_TOP).map(({ question, event }) => {
    const mark = event.kind === "correction" ? " (corrected)" : event.kind === "holding" ? " (holding answer)" : "";
    return `• ${question.heading || "Written question"}${mark}: ${question.answeringBody.name}, ${event.day}`;
  });
  const more = n > DIGEST_TOP ? `\n…and ${n - DIGEST_TOP} more.` : "";
  return {
    kind: "info",
    title: `${sub.cadence === "weekly" ? "Weekly" : "Daily"} digest: ${what} for ${sub.query}`,
    text: `${top.join("\n")}${more}\nAll ${n} are in the thread. (${londonLabel(at)}, subscription ${sub.id})`,
    cards: [],
    actions: [],
    visibility: "public",
  };
}

/** One item of a digest, posted in the digest's thread. */
export function digestItemReply(q: Question, event: AnswerEvent, position: number, count: number, today: string, group: readonly GroupMember[] | null = null): Reply {
  const label = event.kind === "correction" ? "Corrected answer" : event.kind === "holding" ? "Holding answer" : "Answer";
  return {
    kind: "question",
    title: `${position} of ${count}: ${label}`,
    text: group ? groupLine(group) : "",
    cards: [{ ...questionCard(q, { full: false }, today), actions: alertCardActions(q) }],
    actions: [],
    visibility: "public",
  };
}
