import type Database from "better-sqlite3";
import {
  OutboxItemSchema,
  SubscriptionSchema,
  WatchSchema,
  type AlertStore,
  type ChannelRef,
  type OutboxItem,
  type Subscription,
  type Watch,
} from "../model/alerts.ts";
import { definedOnly, OUTBOX_COLUMNS, OutboxRow, parseItem, parseSubscription, parseWatch, SubscriptionRow, WatchRow } from "./alert-rows.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  paused INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS subscriptions_workspace ON subscriptions (platform, workspace_id, channel_id);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  not_before TEXT,
  message_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  item TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, created_at, seq);
CREATE TABLE IF NOT EXISTS watches (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watches_user ON watches (platform, workspace_id, user_id, active);
CREATE INDEX IF NOT EXISTS watches_question ON watches (question_id) WHERE active = 1;
`;


/**
 * Subscriptions and the outbox in the embedded store's SQLite file, over SqliteStore's `db` (it
 * does not close it). The outbox key is unique, so an item enqueued twice is stored once.
 */
export class SqliteAlertStore implements AlertStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** Statements are prepared once: preparing costs more than running a small one. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  async createSubscription(s: Subscription): Promise<void> {
    const sub = SubscriptionSchema.parse(s);
    this.sql("INSERT INTO subscriptions (id, platform, workspace_id, channel_id, paused, created_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(sub.id, sub.channel.platform, sub.channel.workspaceId, sub.channel.channelId, sub.paused ? 1 : 0, sub.createdAt, JSON.stringify(sub));
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const row = this.sql("SELECT record FROM subscriptions WHERE id = ?").get(id);
    return row === undefined ? null : parseSubscription(SubscriptionRow.parse(row).record);
  }

  async listSubscriptions(filter: { platform: ChannelRef["platform"]; workspaceId: string; channelId?: string }): Promise<Subscription[]> {
    const rows = this.sql(
        "SELECT record FROM subscriptions WHERE platform = ? AND workspace_id = ? AND (? IS NULL OR channel_id = ?) ORDER BY created_at, id",
      )
      .all(filter.platform, filter.workspaceId, filter.channelId ?? null, filter.channelId ?? null);
    return rows.map((r) => parseSubscription(SubscriptionRow.parse(r).record));
  }

  async activeSubscriptions(): Promise<Subscription[]> {
    const rows = this.sql("SELECT record FROM subscriptions WHERE paused = 0 ORDER BY created_at, id").all();
    return rows.map((r) => parseSubscription(SubscriptionRow.parse(r).record));
  }

  async updateSubscription(id: string, change: Partial<Pick<Subscription, "paused" | "pausedReason" | "lastPostAt">>): Promise<void> {
    this.db.transaction(() => {
      const row = this.sql("SELECT record FROM subscriptions WHERE id = ?").get(id);
      if (row === undefined) return;
      const next = SubscriptionSchema.parse({ ...parseSubscription(SubscriptionRow.parse(row).record), ...definedOnly(change) });
      this.sql("UPDATE subscriptions SET paused = ?, record = ? WHERE id = ?").run(next.paused ? 1 : 0, JSON.stringify(next), id);
    })();
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.sql("DELETE FROM subscriptions WHERE id = ?").run(id).changes > 0;
  }

  async enqueue(items: OutboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const parsed = items.map((i) => OutboxItemSchema.parse(i));
    const insert = this.sql(
      "INSERT INTO outbox (key, state, attempts, not_before, message_id, last_error, created_at, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?) " +
        "ON CONFLICT (key) DO NOTHING",
    );
    return this.db.transaction(() => {
      let added = 0;
      for (const item of parsed) {
        added += insert.run(item.key, item.state, item.attempts, item.notBefore, item.messageId, item.lastError, item.createdAt, JSON.stringify(item)).changes;
      }
      return added;
    })();
  }

  async dueItems(now: Date, limit: number): Promise<OutboxItem[]> {
    const rows = this.sql(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state IN ('pending', 'sending') AND (not_before IS NULL OR not_before <= ?) ` +
          "ORDER BY created_at, seq LIMIT ?",
      )
      .all(now.toISOString(), limit);
    return rows.map((r) => parseItem(OutboxRow.parse(r)));
  }

  async getItem(key: string): Promise<OutboxItem | null> {
    const row = this.sql(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE key = ?`).get(key);
    return row === undefined ? null : parseItem(OutboxRow.parse(row));
  }

  async markSending(key: string): Promise<void> {
    this.sql("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE key = ?").run(key);
  }

  async markSent(key: string, messageId: string): Promise<void> {
    this.sql("UPDATE outbox SET state = 'sent', message_id = ?, not_before = NULL WHERE key = ?").run(messageId, key);
  }

  async markRetry(key: string, error: string, notBefore: Date): Promise<void> {
    this.sql("UPDATE outbox SET state = 'pending', last_error = ?, not_before = ? WHERE key = ?").run(error, notBefore.toISOString(), key);
  }

  async markFailed(key: string, error: string): Promise<void> {
    this.sql("UPDATE outbox SET state = 'failed', last_error = ? WHERE key = ?").run(error, key);
  }

  async createWatch(w: Watch): Promise<void> {
    const watch = WatchSchema.parse(w);
    this.sql("INSERT INTO watches (id, platform, workspace_id, user_id, question_id, active, created_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(
      watch.id,
      watch.platform,
      watch.workspaceId,
      watch.user.id,
      watch.questionId,
      watch.endedAt === null ? 1 : 0,
      watch.createdAt,
      JSON.stringify(watch),
    );
  }

  async getWatch(id: string): Promise<Watch | null> {
    const row = this.sql("SELECT record FROM watches WHERE id = ?").get(id);
    return row === undefined ? null : parseWatch(WatchRow.parse(row).record);
  }

  async listWatches(filter: { platform: ChannelRef["platform"]; workspaceId: string; userId: string; ended?: boolean }): Promise<Watch[]> {
    const rows = this.sql(
      "SELECT record FROM watches WHERE platform = ? AND workspace_id = ? AND user_id = ? AND (? = 1 OR active = 1) ORDER BY created_at, id",
    ).all(filter.platform, filter.workspaceId, filter.userId, filter.ended ? 1 : 0);
    return rows.map((r) => parseWatch(WatchRow.parse(r).record));
  }

  async activeWatches(questionIds?: readonly string[]): Promise<Watch[]> {
    if (questionIds === undefined) {
      return this.sql("SELECT record FROM watches WHERE active = 1 ORDER BY created_at, id").all().map((r) => parseWatch(WatchRow.parse(r).record));
    }
    const out: Watch[] = [];
    const select = this.sql("SELECT record FROM watches WHERE active = 1 AND question_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id");
    // In slices, so a batch of any size stays one bounded statement each.
    for (let i = 0; i < questionIds.length; i += 500) {
      for (const r of select.all(JSON.stringify(questionIds.slice(i, i + 500)))) out.push(parseWatch(WatchRow.parse(r).record));
    }
    return out;
  }

  async endWatch(id: string, at: string, reason: string): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.sql("SELECT record FROM watches WHERE id = ? AND active = 1").get(id);
      if (row === undefined) return false;
      const next = WatchSchema.parse({ ...parseWatch(WatchRow.parse(row).record), endedAt: at, endedReason: reason });
      this.sql("UPDATE watches SET active = 0, record = ? WHERE id = ?").run(JSON.stringify(next), id);
      return true;
    })();
  }
}
