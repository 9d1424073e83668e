import type { Question } from "../../model/question.ts";
import type { ChannelRef } from "../../model/alerts.ts";

/**
 * What happened to a question that a channel may hear about: a (first) answer, a holding answer,
 * or a correction. `tag` names the version in idempotency keys: each event is posted once.
 */
export interface AnswerEvent {
  kind: "answer" | "holding" | "correction";
  tag: string;
  /** The day it happened (answered, or corrected), YYYY-MM-DD. */
  day: string;
}

/** The event a stored question stands for; null for unanswered and withdrawn questions. */
export function eventOf(q: Question): AnswerEvent | null {
  if (q.isWithdrawn || !q.dateAnswered || !q.answerText) return null;
  if (q.isCorrection) {
    const day = q.dateAnswerCorrected ?? q.dateAnswered;
    return { kind: "correction", tag: `corrected-${day}`, day };
  }
  if (q.isHolding) return { kind: "holding", tag: "holding", day: q.dateHoldingAnswer ?? q.dateAnswered };
  return { kind: "answer", tag: "answer", day: q.dateAnswered };
}

export function channelKey(c: ChannelRef): string {
  return `${c.platform}:${c.workspaceId}:${c.channelId}`;
}

/** One post per channel and question version, whichever subscriptions of the channel matched it. */
export function instantKey(c: ChannelRef, questionId: string, tag: string): string {
  return `instant:${channelKey(c)}:${questionId}:${tag}`;
}

/** One digest message per subscription and scheduled instant. */
export function digestKey(subscriptionId: string, at: string): string {
  return `digest:${subscriptionId}:${at}`;
}

/** One digest entry per subscription and question version, whichever period it falls in. */
export function digestItemKey(subscriptionId: string, questionId: string, tag: string): string {
  return `digest-item:${subscriptionId}:${questionId}:${tag}`;
}
