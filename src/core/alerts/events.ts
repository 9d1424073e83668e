import type { Question } from "../../model/question.ts";
import type { ChannelRef, WatchTarget } from "../../model/alerts.ts";

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

/** What a watch hears about: every answer event, holding answers included, and a withdrawal. */
export interface WatchEvent {
  kind: AnswerEvent["kind"] | "withdrawn";
  tag: string;
}

/** The event a stored question stands for to someone watching it; null while it waits for an answer. */
export function watchEventOf(q: Question): WatchEvent | null {
  if (q.isWithdrawn) return { kind: "withdrawn", tag: "withdrawn" };
  const event = eventOf(q);
  return event ? { kind: event.kind, tag: event.tag } : null;
}

/**
 * What a post is about: the question, or for questions answered together (`groupedQuestions`) the
 * whole group, named by its first member (date tabled, then UIN). Every member of a group names
 * the same first member even when the API lists the group unevenly, so the group posts once.
 */
export function subjectKey(q: Pick<Question, "id" | "uin" | "dateTabled" | "groupedQuestions">): string {
  if (q.groupedQuestions.length === 0 || !q.uin) return q.id;
  const members = [`${q.dateTabled}/${q.uin}`, ...q.groupedQuestions.map((g) => `${g.dateTabled ?? q.dateTabled}/${g.uin}`)];
  return `group:${members.sort()[0]!}`;
}

export function channelKey(c: ChannelRef): string {
  return `${c.platform}:${c.workspaceId}:${c.channelId}`;
}

/**
 * One post per channel and question version, whichever subscriptions of the channel matched it;
 * `subject` is the question's id, or its group's key (subjectKey) when answered together.
 */
export function instantKey(c: ChannelRef, subject: string, tag: string): string {
  return `instant:${channelKey(c)}:${subject}:${tag}`;
}

/** Where a watch posts, as a key: the thread, or the person written to directly. */
export function watchTargetKey(t: WatchTarget): string {
  return t.kind === "thread" ? `${channelKey(t.channel)}:${t.messageId}` : `${t.platform}:${t.workspaceId}:@${t.userId}`;
}

/**
 * One watch post per place and version of the question (or its group): two people watching from
 * one message, or one person watching two questions answered together, get one post.
 */
export function watchKey(t: WatchTarget, subject: string, tag: string): string {
  return `watch:${watchTargetKey(t)}:${subject}:${tag}`;
}

/** One digest message per subscription and scheduled instant. */
export function digestKey(subscriptionId: string, at: string): string {
  return `digest:${subscriptionId}:${at}`;
}

/** One digest entry per subscription and question version, whichever period it falls in. */
export function digestItemKey(subscriptionId: string, questionId: string, tag: string): string {
  return `digest-item:${subscriptionId}:${questionId}:${tag}`;
}
