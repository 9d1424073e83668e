import type pg from "pg";
import { z } from "zod";
import { execute, queryRows, quoteIdent } from "./db.ts";

/**
 * The first argument of every advisory lock wq takes; the second is a hash of the lock's name and
 * the schema, so that wq instances in different schemas of one database do not block each other.
 */
export const LOCK_CLASS = 0x7771; // "wq"

/**
 * wq's schema, one step per version. Each step runs once, in its own transaction, and is written
 * so that running it again would change nothing (IF NOT EXISTS), in case a step is ever re-run by
 * hand. Never edit a released step: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: questions, meta, subscriptions and the outbox.
  `
  CREATE TABLE IF NOT EXISTS questions (
    id TEXT COLLATE "C" PRIMARY KEY, -- byte order, as SQLite sorts: allQuestions pages by id
    date_tabled TEXT NOT NULL,
    uin TEXT,
    date_answered TEXT,
    record TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  );
  CREATE INDEX IF NOT EXISTS questions_uin ON questions (date_tabled, lower(uin));
  CREATE INDEX IF NOT EXISTS questions_answered ON questions (date_answered);
  CREATE INDEX IF NOT EXISTS questions_updated ON questions (updated_at);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    paused BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS subscriptions_channel ON subscriptions (platform, workspace_id, channel_id);
  CREATE TABLE IF NOT EXISTS outbox (
    seq BIGSERIAL UNIQUE,
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    not_before TEXT,
    message_id TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    item TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (created_at, seq) WHERE state IN ('pending', 'sending');
  `,
  // 2: write revisions, so search indexes (and their snapshots) catch up with what changed.
  `
  ALTER TABLE questions ADD COLUMN IF NOT EXISTS revision BIGINT NOT NULL DEFAULT 0;
  CREATE INDEX IF NOT EXISTS questions_revision ON questions (revision, id);
  `,
  // 3: when each meta value was last written, so expired button states can be pruned.
  `
  ALTER TABLE meta ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
  `,
  // 4: watches: one person following one question until it is settled.
  `
  CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS watches_user ON watches (platform, workspace_id, user_id, active);
  CREATE INDEX IF NOT EXISTS watches_question ON watches (question_id) WHERE active;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema to SCHEMA_VERSION. Holds a session advisory lock meanwhile, so when several
 * processes open at once one migrates and the others wait, then find nothing left to do.
 * `schema`, when given, is created first (it is the one on the connection's search path).
 */
export async function migrate(pool: pg.Pool, schema?: string): Promise<number> {
  const client = await pool.connect();
  let broken = false;
  try {
    const [lock] = await queryRows(
      client,
      z.object({ key: z.number().int() }),
      "SELECT hashtext('migrate:' || coalesce($1::text, current_schema(), '')) AS key",
      [schema ?? null],
    );
    const key = lock!.key;
    await client.query("SELECT pg_advisory_lock($1, $2)", [LOCK_CLASS, key]);
    try {
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query("CREATE TABLE IF NOT EXISTS wq_schema (version INTEGER NOT NULL)");
      const rows = await queryRows(client, z.object({ version: z.number().int() }), "SELECT version FROM wq_schema");
      let version = rows[0]?.version ?? 0;
      if (rows.length === 0) await client.query("INSERT INTO wq_schema (version) VALUES (0)");
      if (version > SCHEMA_VERSION) {
        throw new Error(
          `the PostgreSQL schema is at version ${version}, newer than this wq knows (${SCHEMA_VERSION}): upgrade wq`,
        );
      }
      for (; version < SCHEMA_VERSION; version++) {
        await client.query("BEGIN");
        try {
          await client.query(MIGRATIONS[version]!);
          await execute(client, "UPDATE wq_schema SET version = $1", [version + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
      return version;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS, key]);
    }
  } catch (error) {
    broken = true; // drop the connection: it may still hold the lock or an aborted transaction
    throw error;
  } finally {
    client.release(broken);
  }
}
