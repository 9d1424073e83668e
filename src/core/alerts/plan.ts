import type { Store } from "../../store/store.ts";
import { readDigestBuffer, writeDigestBuffer, type DigestEntry } from "./digest-buffer.ts";
import { channelKey, digestItemKey, instantKey } from "./events.ts";
import type { Match } from "./matcher.ts";
import { questionCard } from "../commands/cards.ts";
import { instantReply } from "./messages.ts";
import type { AlertStore, OutboxItem, Subscription } from "../../model/alerts.ts";
import { nextDigestAt } from "./schedule.ts";

/**
 * Which digest of a channel takes a question when several digest subscriptions there match it:
 * daily before weekly, then the earlier time, then the lower id. The same every time it is asked,
 * so that a question replayed after a crash lands where it landed before.
 */
function digestTarget(subs: readonly Subscription[]): Subscription {
  const rank = (s: Subscription): string => `${s.cadence === "daily" ? 0 : 1}|${s.at}|${s.id}`;
  return [...subs].sort((a, b) => (rank(a) < rank(b) ? -1 : 1))[0]!;
}

export interface PlanResult {
  /** New outbox items (instant posts and corrections). */
  enqueued: number;
  /** New digest entries. */
  buffered: number;
}

export interface PlanHooks {
  /** Called just before the outbox write (tests kill the process here). */
  beforeEnqueue?(items: readonly OutboxItem[]): Promise<void> | void;
  afterEnqueue?(items: readonly OutboxItem[]): Promise<void> | void;
}

/**
 * Turns matches into what a channel is owed. Per channel, a question matched by any instant
 * subscription is posted once, naming every subscription of the channel that matched; it then
 * stays out of that channel's digests. Otherwise it goes into one digest of the channel.
 */
export async function planMatches(
  deps: { alertStore: AlertStore; store: Store; now: () => Date; hooks?: PlanHooks },
  matches: readonly Match[],
): Promise<PlanResult> {
  const now = deps.now();
  const items: OutboxItem[] = [];
  const additions = new Map<string, DigestEntry[]>();
  // The next digest instant of each cadence and time (working it out in London time is not free).
  const instants = new Map<string, string>();
  for (const { question, event, subscriptions } of matches) {
    const card = questionCard(question, { full: false });
    const byChannel = new Map<string, Subscription[]>();
    for (const s of subscriptions) {
      const k = channelKey(s.channel);
      const list = byChannel.get(k);
      if (list) list.push(s);
      else byChannel.set(k, [s]);
    }
    for (const subs of byChannel.values()) {
      const channel = subs[0]!.channel;
      const instant = subs.filter((s) => s.cadence === "instant");
      if (instant.length > 0) {
        let parentKey: string | null = null;
        if (event.kind === "correction") {
          for (const tag of ["answer", "holding"]) {
            const original = await deps.alertStore.getItem(instantKey(channel, question.id, tag));
            if (original && original.state !== "failed") {
              parentKey = original.key;
              break;
            }
          }
        }
        items.push({
          key: instantKey(channel, question.id, event.tag),
          channel,
          kind: event.kind === "correction" ? "correction" : "instant",
          reply: instantReply(question, event, subs, parentKey !== null, card),
          parentKey,
          subscriptionIds: subs.map((s) => s.id),
          questionId: question.id,
          state: "pending",
          attempts: 0,
          notBefore: null,
          messageId: null,
          lastError: null,
          createdAt: now.toISOString(),
        });
        continue;
      }
      const target = digestTarget(subs);
      if (await deps.alertStore.getItem(digestItemKey(target.id, question.id, event.tag))) continue;
      const when = `${target.cadence}|${target.at}`;
      let at = instants.get(when);
      if (at === undefined) {
        at = nextDigestAt(target, now)!.toISOString();
        instants.set(when, at);
      }
      const entry = { questionId: question.id, tag: event.tag, at, subscriptionIds: subs.map((s) => s.id) };
      const list = additions.get(target.id);
      if (list) list.push(entry);
      else additions.set(target.id, [entry]);
    }
  }
  await deps.hooks?.beforeEnqueue?.(items);
  const enqueued = await deps.alertStore.enqueue(items);
  await deps.hooks?.afterEnqueue?.(items);
  let buffered = 0;
  for (const [subId, entries] of additions) {
    const buffer = await readDigestBuffer(deps.store, subId);
    const seen = new Set(buffer.map((e) => `${e.questionId}|${e.tag}`));
    const fresh = entries.filter((e) => !seen.has(`${e.questionId}|${e.tag}`));
    if (fresh.length === 0) continue;
    await writeDigestBuffer(deps.store, subId, [...buffer, ...fresh]);
    buffered += fresh.length;
  }
  return { enqueued, buffered };
}
