import type pg from "pg";
import { z } from "zod";
import {
  OutboxItemSchema,
  SubscriptionSchema,
  WatchSchema,
  type AlertStore,
  type ChannelRef,
  type OutboxItem,
  type Subscription,
  type Watch,
} from "../../model/alerts.ts";
import { execute, queryRows, withTransaction } from "./db.ts";
import { definedOnly, OUTBOX_COLUMNS, OutboxRow, parseItem, parseSubscription, parseWatch, SubscriptionRow, WatchRow } from "../alert-rows.ts";


/**
 * Subscriptions and the outbox in PostgreSQL, over the PostgresStore's pool (it does not close
 * it). Outbox keys are the primary key, so an item enqueued twice, by one process or by two at
 * once, is stored once.
 */
export class PostgresAlertStore implements AlertStore {
  constructor(private readonly pool: pg.Pool) {}

  async createSubscription(s: Subscription): Promise<void> {
    const sub = SubscriptionSchema.parse(s);
    await execute(
      this.pool,
      "INSERT INTO subscriptions (id, platform, workspace_id, channel_id, paused, created_at, record) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [sub.id, sub.channel.platform, sub.channel.workspaceId, sub.channel.channelId, sub.paused, sub.createdAt, JSON.stringify(sub)],
    );
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const rows = await queryRows(this.pool, SubscriptionRow, "SELECT record FROM subscriptions WHERE id = $1", [id]);
    return rows[0] ? parseSubscription(rows[0].record) : null;
  }

  async listSubscriptions(filter: { platform: ChannelRef["platform"]; workspaceId: string; channelId?: string }): Promise<Subscription[]> {
    const rows = await queryRows(
      this.pool,
      SubscriptionRow,
      "SELECT record FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND ($3::text IS NULL OR channel_id = $3) " +
        "ORDER BY created_at, id",
      [filter.platform, filter.workspaceId, filter.channelId ?? null],
    );
    return rows.map((r) => parseSubscription(r.record));
  }

  async activeSubscriptions(): Promise<Subscription[]> {
    const rows = await queryRows(this.pool, SubscriptionRow, "SELECT record FROM subscriptions WHERE NOT paused ORDER BY created_at, id");
    return rows.map((r) => parseSubscription(r.record));
  }

  async updateSubscription(id: string, change: Partial<Pick<Subscription, "paused" | "pausedReason" | "lastPostAt">>): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const rows = await queryRows(client, SubscriptionRow, "SELECT record FROM subscriptions WHERE id = $1 FOR UPDATE", [id]);
      if (!rows[0]) return;
      const next = SubscriptionSchema.parse({ ...parseSubscription(rows[0].record), ...definedOnly(change) });
      await execute(client, "UPDATE subscriptions SET paused = $2, record = $3 WHERE id = $1", [id, next.paused, JSON.stringify(next)]);
    });
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return (await execute(this.pool, "DELETE FROM subscriptions WHERE id = $1", [id])) > 0;
  }

  async enqueue(items: OutboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    // The first copy of a key wins, as a second enqueue of it would be a no-op.
    const unique = new Map<string, OutboxItem>();
    for (const raw of items) {
      const item = OutboxItemSchema.parse(raw);
      if (!unique.has(item.key)) unique.set(item.key, item);
    }
    return withTransaction(this.pool, async (client) => {
      // seq records the order items were enqueued in; rows go in by key, the same order in every
      // process, so that two enqueues of overlapping keys wait for each other instead of deadlocking.
      const seqs = (
        await queryRows(
          client,
          z.object({ seq: z.string() }),
          "SELECT nextval(pg_get_serial_sequence('outbox', 'seq'))::text AS seq FROM generate_series(1, $1::int)",
          [unique.size],
        )
      )
        .map((r) => BigInt(r.seq))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const rows = [...unique.values()].map((item, i) => ({ item, seq: seqs[i]!.toString() }));
      rows.sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
      return execute(
        client,
        "INSERT INTO outbox (seq, key, state, attempts, not_before, message_id, last_error, created_at, item) " +
          "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) " +
          "ON CONFLICT (key) DO NOTHING",
        [
          rows.map((r) => r.seq),
          rows.map((r) => r.item.key),
          rows.map((r) => r.item.state),
          rows.map((r) => r.item.attempts),
          rows.map((r) => r.item.notBefore),
          rows.map((r) => r.item.messageId),
          rows.map((r) => r.item.lastError),
          rows.map((r) => r.item.createdAt),
          rows.map((r) => JSON.stringify(r.item)),
        ],
      );
    });
  }

  async dueItems(now: Date, limit: number): Promise<OutboxItem[]> {
    const rows = await queryRows(
      this.pool,
      OutboxRow,
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state IN ('pending', 'sending') ` +
        "AND (not_before IS NULL OR not_before <= $1) ORDER BY created_at, seq LIMIT $2",
      [now.toISOString(), limit],
    );
    return rows.map(parseItem);
  }

  async getItem(key: string): Promise<OutboxItem | null> {
    const rows = await queryRows(this.pool, OutboxRow, `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE key = $1`, [key]);
    return rows[0] ? parseItem(rows[0]) : null;
  }

  async markSending(key: string): Promise<void> {
    await execute(this.pool, "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE key = $1", [key]);
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await execute(this.pool, "UPDATE outbox SET state = 'sent', message_id = $2, not_before = NULL WHERE key = $1", [key, messageId]);
  }

  async markRetry(key: string, error: string, notBefore: Date): Promise<void> {
    await execute(this.pool, "UPDATE outbox SET state = 'pending', last_error = $2, not_before = $3 WHERE key = $1", [
      key,
      error,
      notBefore.toISOString(),
    ]);
  }

  async markFailed(key: string, error: string): Promise<void> {
    await execute(this.pool, "UPDATE outbox SET state = 'failed', last_error = $2 WHERE key = $1", [key, error]);
  }

  async createWatch(w: Watch): Promise<void> {
    const watch = WatchSchema.parse(w);
    await execute(
      this.pool,
      "INSERT INTO watches (id, platform, workspace_id, user_id, question_id, active, created_at, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [watch.id, watch.platform, watch.workspaceId, watch.user.id, watch.questionId, watch.endedAt === null, watch.createdAt, JSON.stringify(watch)],
    );
  }

  async getWatch(id: string): Promise<Watch | null> {
    const rows = await queryRows(this.pool, WatchRow, "SELECT record FROM watches WHERE id = $1", [id]);
    return rows[0] ? parseWatch(rows[0].record) : null;
  }

  async listWatches(filter: { platform: ChannelRef["platform"]; workspaceId: string; userId: string; ended?: boolean }): Promise<Watch[]> {
    const rows = await queryRows(
      this.pool,
      WatchRow,
      "SELECT record FROM watches WHERE platform = $1 AND workspace_id = $2 AND user_id = $3 AND ($4 OR active) ORDER BY created_at, id",
      [filter.platform, filter.workspaceId, filter.userId, filter.ended === true],
    );
    return rows.map((r) => parseWatch(r.record));
  }

  async activeWatches(questionIds?: readonly string[]): Promise<Watch[]> {
    const rows =
      questionIds === undefined
        ? await queryRows(this.pool, WatchRow, "SELECT record FROM watches WHERE active ORDER BY created_at, id")
        : await queryRows(this.pool, WatchRow, "SELECT record FROM watches WHERE active AND question_id = ANY($1::text[]) ORDER BY created_at, id", [
            [...questionIds],
          ]);
    return rows.map((r) => parseWatch(r.record));
  }

  async endWatch(id: string, at: string, reason: string): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const rows = await queryRows(client, WatchRow, "SELECT record FROM watches WHERE id = $1 AND active FOR UPDATE", [id]);
      if (!rows[0]) return false;
      const next = WatchSchema.parse({ ...parseWatch(rows[0].record), endedAt: at, endedReason: reason });
      await execute(client, "UPDATE watches SET active = false, record = $2 WHERE id = $1", [id, JSON.stringify(next)]);
      return true;
    });
  }
}
