import { z } from "zod";
import { ReplySchema } from "./reply.ts";

/** Where a subscription posts: one channel of one Slack workspace or Discord guild. */
export const ChannelRefSchema = z.object({
  platform: z.enum(["slack", "discord"]),
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

export const CadenceSchema = z.enum(["instant", "daily", "weekly"]);
export type Cadence = z.infer<typeof CadenceSchema>;

export const SubscriptionSchema = z.object({
  /** Short and typeable (`/wq unsubscribe 4f2a`); unique across the store. */
  id: z.string().min(1),
  channel: ChannelRefSchema,
  /** The query as typed, without its every:/at: options. */
  query: z.string().min(1),
  cadence: CadenceSchema,
  /** Local time (Europe/London) digests go out, HH:MM. */
  at: z.string().regex(/^\d{2}:\d{2}$/),
  createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
  createdAt: z.string(), // ISO instant
  paused: z.boolean(),
  /** Why it was paused: a person (`paused by ...`) or delivery (`channel not found`). */
  pausedReason: z.string().nullable(),
  lastPostAt: z.string().nullable(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/**
 * One message wq owes a channel. `key` is its idempotency key: one per channel and question
 * version for an instant post, one per subscription and period for a digest; a second enqueue
 * with the same key is a no-op, which is what makes delivery exactly-once.
 */
export const OutboxItemSchema = z.object({
  key: z.string().min(1),
  channel: ChannelRefSchema,
  kind: z.enum(["instant", "correction", "digest", "digest-item"]),
  /** The Reply to render, as JSON (adapters render it like any other). */
  reply: ReplySchema,
  /** Key of the item this one is posted under (a thread in Slack, a reply in Discord). */
  parentKey: z.string().nullable(),
  subscriptionIds: z.array(z.string()),
  questionId: z.string().nullable(),
  state: z.enum(["pending", "sending", "sent", "failed"]),
  attempts: z.number().int(),
  /** When a retry may start (ISO); null means now. */
  notBefore: z.string().nullable(),
  /** The platform's id of the posted message (Slack ts, Discord message id) once sent. */
  messageId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** What the alerts need kept; the embedded and PostgreSQL stores both implement it. */
export interface AlertStore {
  createSubscription(s: Subscription): Promise<void>;
  getSubscription(id: string): Promise<Subscription | null>;
  /** A channel's or a whole workspace's subscriptions; nothing of any other workspace. */
  listSubscriptions(filter: { platform: ChannelRef["platform"]; workspaceId: string; channelId?: string }): Promise<Subscription[]>;
  /** Every active (unpaused) subscription, for matching. */
  activeSubscriptions(): Promise<Subscription[]>;
  updateSubscription(id: string, change: Partial<Pick<Subscription, "paused" | "pausedReason" | "lastPostAt">>): Promise<void>;
  deleteSubscription(id: string): Promise<boolean>;

  /** Adds items whose keys are new; returns how many were added. Runs in one transaction. */
  enqueue(items: OutboxItem[]): Promise<number>;
  /** Items due for sending (pending or sending, notBefore passed), oldest first. */
  dueItems(now: Date, limit: number): Promise<OutboxItem[]>;
  getItem(key: string): Promise<OutboxItem | null>;
  /** Records a send attempt before the platform is called: a crash after it means "maybe sent". */
  markSending(key: string): Promise<void>;
  markSent(key: string, messageId: string): Promise<void>;
  markRetry(key: string, error: string, notBefore: Date): Promise<void>;
  markFailed(key: string, error: string): Promise<void>;
}

/** Raised by a poster when the channel is gone or wq was removed: retrying cannot help. */
export class ChannelGoneError extends Error {}
/** Raised by a poster on a rate limit: retry after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
}

/** What each chat platform provides so alerts can be posted exactly once. */
export interface ChannelPoster {
  platform: ChannelRef["platform"];
  /**
   * Posts `item.reply` to its channel (under `parentMessageId` when given), carrying `item.key`
   * where the platform can keep it (Slack message metadata, Discord nonce), and returns the
   * platform's message id. Throws ChannelGoneError, RateLimitedError or any other error (transient).
   */
  post(item: OutboxItem, parentMessageId: string | null): Promise<string>;
  /** The id of a message already posted with this key in the channel's recent history, if any. */
  findPosted(item: OutboxItem): Promise<string | null>;
}

/**
 * The line under a reply's cards when `hidden` of them did not fit in one message, for every
 * platform: for a command's reply, how to see the rest; for an alert (the outbox item's kind), that
 * they are not shown, and for a digest that each one is in its thread.
 */
export function hiddenNote(hidden: number, alert?: OutboxItem["kind"]): string {
  if (alert === undefined) return `${hidden} more not shown here. Narrow the search, or use the page buttons.`;
  return alert === "digest" ? `${hidden} more not shown here; each one is in the thread.` : `${hidden} more not shown here.`;
}
