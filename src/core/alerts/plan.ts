import type { Store } from "../../store/store.ts";
import { readDigestBuffer, writeDigestBuffer, type DigestEntry } from "./digest-buffer.ts";
import { channelKey, digestItemKey, instantKey, subjectKey, type AnswerEvent } from "./events.ts";
import { postGroup, type GroupMember } from "../groups/grouped-answers.ts";
import type { Question } from "../../model/question.ts";
import type { Card } from "../../model/reply.ts";
import type { Match } from "./matcher.ts";
import { questionCard } from "../commands/cards.ts";
import { londonDay } from "../../model/days.ts";
import { instantReply } from "./messages.ts";
import { untried } from "./new-item.ts";
import type { AlertStore, ChannelRef, Mention, OutboxItem, Subscription } from "../../model/alerts.ts";
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

/** Everyone the subscriptions of one post ask to ping, once each. */
export function mentionsOf(subs: readonly Subscription[]): Mention[] {
  const out = new Map<string, Mention>();
  for (const s of subs) for (const m of s.notify ?? []) if (!out.has(`${m.kind}:${m.id}`)) out.set(`${m.kind}:${m.id}`, m);
  return [...out.values()];
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
  // Cards date lateness by the planner's clock, as every other step of planning does.
  const today = londonDay(now);
  const items: OutboxItem[] = [];
  const additions = new Map<string, DigestEntry[]>();
  // The next digest instant of each cadence and time (working it out in London time is not free).
  const instants = new Map<string, string>();
  // Instant posts by key: members of one group answered together share a key, so the group makes
  // one post naming every subscription any member matched.
  const instantPosts = new Map<string, { question: Question; event: AnswerEvent; channel: ChannelRef; subs: Subscription[]; parentKey: string | null }>();
  for (const { question, event, subscriptions } of matches) {
    const byChannel = new Map<string, Subscription[]>();
    for (const s of subscriptions) {
      const k = channelKey(s.channel);
      const list = byChannel.get(k);
      if (list) list.push(s);
      else byChannel.set(k, [s]);
    }
    const subject = subjectKey(question);
    for (const subs of byChannel.values()) {
      const channel = subs[0]!.channel;
      const instant = subs.filter((s) => s.cadence === "instant");
      if (instant.length > 0) {
        const key = instantKey(channel, subject, event.tag);
        const known = instantPosts.get(key);
        if (known) {
          for (const s of subs) if (!known.subs.some((k) => k.id === s.id)) known.subs.push(s);
          continue;
        }
        let parentKey: string | null = null;
        if (event.kind === "correction") {
          for (const tag of ["answer", "holding"]) {
            const original = await deps.alertStore.getItem(instantKey(channel, subject, tag));
            if (original && original.state !== "failed") {
              parentKey = original.key;
              break;
            }
          }
        }
        instantPosts.set(key, { question, event, channel, subs: [...subs], parentKey });
        continue;
      }
      const target = digestTarget(subs);
      if (await deps.alertStore.getItem(digestItemKey(target.id, subject, event.tag))) continue;
      const when = `${target.cadence}|${target.at}`;
      let at = instants.get(when);
      if (at === undefined) {
        at = nextDigestAt(target, now)!.toISOString();
        instants.set(when, at);
      }
      const entry = { questionId: question.id, ...(subject !== question.id ? { subject } : {}), tag: event.tag, at, subscriptionIds: subs.map((s) => s.id) };
      const list = additions.get(target.id);
      if (list) list.push(entry);
      else additions.set(target.id, [entry]);
    }
  }
  const groups = new Map<string, GroupMember[] | null>();
  const cards = new Map<string, Card>();
  for (const [key, { question, event, channel, subs, parentKey }] of instantPosts) {
    let group = groups.get(question.id);
    if (group === undefined) {
      group = await postGroup(deps.store, question);
      groups.set(question.id, group);
    }
    let card = cards.get(question.id);
    if (!card) {
      card = questionCard(question, { full: false }, today);
      cards.set(question.id, card);
    }
    const mentions = mentionsOf(subs);
    items.push({
      key,
      channel,
      kind: event.kind === "correction" ? "correction" : "instant",
      reply: instantReply(question, event, subs, parentKey !== null, card, { group }),
      parentKey,
      ...(mentions.length > 0 ? { mentions } : {}),
      subscriptionIds: subs.map((s) => s.id),
      questionId: question.id,
      ...untried(now.toISOString()),
    });
  }
  await deps.hooks?.beforeEnqueue?.(items);
  const enqueued = await deps.alertStore.enqueue(items);
  await deps.hooks?.afterEnqueue?.(items);
  let buffered = 0;
  for (const [subId, entries] of additions) {
    const buffer = await readDigestBuffer(deps.store, subId);
    // One entry per question, or per group answered together, and version.
    const seen = new Set(buffer.map((e) => `${e.subject ?? e.questionId}|${e.tag}`));
    const fresh = entries.filter((e) => {
      const k = `${e.subject ?? e.questionId}|${e.tag}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (fresh.length === 0) continue;
    await writeDigestBuffer(deps.store, subId, [...buffer, ...fresh]);
    buffered += fresh.length;
  }
  return { enqueued, buffered };
}
