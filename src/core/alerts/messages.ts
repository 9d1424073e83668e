import { questionCard } from "../commands/cards.ts";
import type { Question } from "../../model/question.ts";
import type { Card, Reply } from "../../model/reply.ts";
import { fullAction } from "../commands/show.ts";
import type { AnswerEvent } from "./events.ts";
import type { Subscription } from "../../model/alerts.ts";
import { londonLabel } from "./schedule.ts";

/** How many items a digest message names; every item is posted in its thread regardless. */
export const DIGEST_TOP = 5;

/** "subscription 4f2a (xinjiang)" or "subscriptions 4f2a (xinjiang), 9c1d (dept:fcdo)". */
export function subscriptionNames(subs: readonly Pick<Subscription, "id" | "query">[]): string {
  const names = subs.map((s) => `${s.id} (${s.query})`).join(", ");
  return `${subs.length === 1 ? "subscription" : "subscriptions"} ${names}`;
}

/** One new answer (or holding answer, or correction) posted as it comes. */
export function instantReply(q: Question, event: AnswerEvent, subs: readonly Subscription[], threaded: boolean, card: Card = questionCard(q, { full: false })): Reply {
  const title =
    event.kind === "correction"
      ? threaded
        ? "Correction: the answer above was corrected"
        : "Corrected answer"
      : event.kind === "holding"
        ? "Holding answer"
        : "New answer";
  return {
    kind: "question",
    title,
    text: `Matches ${subscriptionNames(subs)}.`,
    cards: [{ ...card, actions: [fullAction(q.id)] }],
    actions: [],
    visibility: "public",
  };
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
export function digestItemReply(q: Question, event: AnswerEvent, position: number, count: number): Reply {
  const label = event.kind === "correction" ? "Corrected answer" : event.kind === "holding" ? "Holding answer" : "Answer";
  return {
    kind: "question",
    title: `${position} of ${count}: ${label}`,
    text: "",
    cards: [{ ...questionCard(q, { full: false }), actions: [fullAction(q.id)] }],
    actions: [],
    visibility: "public",
  };
}
