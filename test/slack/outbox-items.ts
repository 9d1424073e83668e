/** Outbox items as the alerts core enqueues them, for poster tests on either platform. */
import type { ChannelRef, OutboxItem } from "../../src/model/alerts.ts";
import type { Card, Reply } from "../../src/model/reply.ts";

export function alertReply(cards: Card[], title = "New answer"): Reply {
  return {
    kind: "results",
    title,
    text: "",
    cards: cards.map((c) => ({ ...c, actions: [{ kind: "full", label: "Show full answer", style: "default", effect: "private", request: { name: "show", ref: c.id, full: true } }] })),
    actions: [],
    visibility: "public",
  };
}

export function outboxItem(channel: ChannelRef, key: string, reply: Reply, over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key,
    channel,
    kind: "instant",
    reply,
    parentKey: null,
    subscriptionIds: ["sub1"],
    questionId: null,
    state: "pending",
    attempts: 0,
    notBefore: null,
    messageId: null,
    lastError: null,
    createdAt: "2026-11-28T12:00:00.000Z",
    ...over,
  };
}
