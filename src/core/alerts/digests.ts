import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import { readDigestBuffer, writeDigestBuffer, type DigestEntry } from "./digest-buffer.ts";
import { digestItemKey, digestKey, eventOf } from "./events.ts";
import { digestItemReply, digestReply, type DigestEntryView } from "./messages.ts";
import type { AlertStore, OutboxItem, Subscription } from "../../model/alerts.ts";
import { nextDigestAt } from "./schedule.ts";
import { scheduleLatenessDigests } from "./lateness-digest.ts";
import type { SearchEngine } from "../search/engine.ts";
import { postGroup, type GroupMember } from "../groups/grouped-answers.ts";
import { londonDay } from "../../model/days.ts";
import { untried } from "./new-item.ts";

export interface DigestHooks {
  /** Called after a digest is in the outbox, before its entries leave the buffer. */
  afterDigestEnqueued?(key: string): Promise<void> | void;
}

/**
 * Turns every due digest (entries whose instant has passed) into outbox items: one message saying
 * how many and naming the top few, and every entry as an item in its thread. Enqueued in one
 * transaction, keyed per subscription and instant, then the entries leave the buffer; a crash in
 * between builds the same keys again, which the outbox ignores. Returns how many digests were made.
 */
export async function scheduleDigests(deps: {
  alertStore: AlertStore;
  store: Store;
  now: () => Date;
  hooks?: DigestHooks;
  /**
   * When digests were last made. Entries wait only for their subscription's scheduled instants,
   * so only subscriptions with an instant in (since, now] are looked at; null looks at all (a
   * fresh start, which may owe digests from before it).
   */
  since?: Date | null;
  /** Where lateness digests (status:overdue every:weekly) get the overdue report; without it they post nothing. */
  index?: Pick<SearchEngine, "overdue">;
}): Promise<number> {
  const now = deps.now();
  let made = 0;
  const since = deps.since ?? null;
  const dueBySchedule = new Map<string, boolean>();
  const scheduleDue = (s: Subscription): boolean => {
    if (since === null) return true;
    const k = `${s.cadence}|${s.at}`;
    let due = dueBySchedule.get(k);
    if (due === undefined) {
      due = (nextDigestAt(s, since)?.getTime() ?? Infinity) <= now.getTime();
      dueBySchedule.set(k, due);
    }
    return due;
  };
  const subs = (await deps.alertStore.activeSubscriptions()).filter((s) => s.cadence !== "instant" && scheduleDue(s));
  made += await scheduleLatenessDigests({ ...deps, since }, subs);
  for (const sub of subs) {
    const buffer = await readDigestBuffer(deps.store, sub.id);
    const due = buffer.filter((e) => Date.parse(e.at) <= now.getTime());
    if (due.length === 0) continue;
    const byInstant = new Map<string, DigestEntry[]>();
    for (const e of due) byInstant.set(e.at, [...(byInstant.get(e.at) ?? []), e]);
    for (const [at, entries] of [...byInstant].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const items = await digestItems(deps.store, sub, at, entries, now);
      if (items.length > 0) {
        await deps.alertStore.enqueue(items);
        await deps.hooks?.afterDigestEnqueued?.(items[0]!.key);
        made++;
      }
    }
    const dueSet = new Set(due);
    await writeDigestBuffer(deps.store, sub.id, buffer.filter((e) => !dueSet.has(e)));
  }
  return made;
}

async function digestItems(store: Store, sub: Subscription, at: string, entries: readonly DigestEntry[], now: Date): Promise<OutboxItem[]> {
  // One entry per question: a later version (a correction) replaces an earlier one of the same period.
  const latest = new Map<string, DigestEntry>();
  // One per group answered together, too.
  for (const e of entries) latest.set(e.subject ?? e.questionId, e);
  const questions = new Map((await store.getQuestions([...latest.values()].map((e) => e.questionId))).map((q) => [q.id, q] as const));
  const views: Array<DigestEntryView & { entry: DigestEntry; group: GroupMember[] | null }> = [];
  for (const entry of latest.values()) {
    const question: Question | undefined = questions.get(entry.questionId);
    const event = question ? eventOf(question) : null;
    // Withdrawn since it matched, or gone: nothing to post.
    if (!question || !event) continue;
    views.push({ question, event, entry, group: await postGroup(store, question) });
  }
  if (views.length === 0) return [];
  views.sort((a, b) => (a.event.day < b.event.day ? 1 : a.event.day > b.event.day ? -1 : 0));
  const key = digestKey(sub.id, at);
  // Cards date lateness by the day the digest is made, on the scheduler's clock.
  const today = londonDay(now);
  const base = { channel: sub.channel, ...untried(now.toISOString()) };
  const parent: OutboxItem = {
    ...base,
    key,
    kind: "digest",
    reply: digestReply(sub, new Date(at), views),
    parentKey: null,
    // The digest message pings its subscription's people once; its items in the thread do not.
    ...(sub.notify?.length ? { mentions: sub.notify } : {}),
    subscriptionIds: [sub.id],
    questionId: null,
  };
  const children: OutboxItem[] = views.map((v, i) => ({
    ...base,
    key: digestItemKey(sub.id, v.entry.subject ?? v.question.id, v.entry.tag),
    kind: "digest-item",
    reply: digestItemReply(v.question, v.event, i + 1, views.length, today, v.group),
    parentKey: key,
    subscriptionIds: v.entry.subscriptionIds,
    questionId: v.question.id,
  }));
  return [parent, ...children];
}
