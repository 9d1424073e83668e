import { z } from "zod";
import { OutboxItemSchema, SubscriptionSchema, WatchSchema, type OutboxItem, type Subscription, type Watch } from "../model/alerts.ts";

/**
 * How both stores keep alerts in rows: a subscription as one JSON record; an outbox item as the
 * JSON it was enqueued with, plus columns for what changes as it is delivered.
 */
export const SubscriptionRow = z.object({ record: z.string() });
export const WatchRow = z.object({ record: z.string() });
export const OutboxRow = z.object({
  item: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  not_before: z.string().nullable(),
  message_id: z.string().nullable(),
  last_error: z.string().nullable(),
});
export const OUTBOX_COLUMNS = "item, state, attempts, not_before, message_id, last_error";

export function parseSubscription(text: string): Subscription {
  return SubscriptionSchema.parse(JSON.parse(text));
}

export function parseWatch(text: string): Watch {
  return WatchSchema.parse(JSON.parse(text));
}

/** The item as enqueued, with the columns that change as it is delivered laid over it. */
export function parseItem(row: z.infer<typeof OutboxRow>): OutboxItem {
  return OutboxItemSchema.parse({
    ...z.record(z.string(), z.unknown()).parse(JSON.parse(row.item)),
    state: row.state,
    attempts: row.attempts,
    notBefore: row.not_before,
    messageId: row.message_id,
    lastError: row.last_error,
  });
}

/** A partial change without its undefined fields, to lay over a stored record. */
export function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<T>;
}
