import type pg from "pg";
import { z } from "zod";
import { QuestionSchema, type Question } from "../../model/question.ts";
import { mergeQuestion } from "../merge.ts";
import type { Store, UpsertSummary } from "../store.ts";
import { createPool, execute, queryRows, RetryTransaction, withTransaction, type PostgresOptions } from "./db.ts";
import { LOCK_CLASS, migrate } from "./schema.ts";

const RecordRow = z.object({ id: z.string(), record: z.string() });

/**
 * The networked store: the same tables and behaviour as SqliteStore, in PostgreSQL, so that
 * several wq processes can share them. Upserts merge under row locks (SELECT ... FOR UPDATE), so
 * two processes syncing at once still keep the newest version of every question.
 */
export class PostgresStore implements Store {
  /** `pool` is owned by the store: close() ends it. Open with PostgresStore.open(). */
  constructor(
    readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Connects, creates or migrates the schema, and returns the store over a fresh pool. */
  static async open(options: PostgresOptions & { now?: () => Date }): Promise<PostgresStore> {
    const pool = createPool(options);
    try {
      await migrate(pool, options.schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, options.now);
  }

  async upsertQuestions(questions: readonly Question[]): Promise<UpsertSummary> {
    if (questions.length === 0) return { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    const stamp = this.now().toISOString();
    return withTransaction(this.pool, async (client) => {
      // Writers take turns (until commit), so revisions become visible in the order they are
      // numbered: a reader that saw revision r never later finds a smaller one appear.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext('revision:' || current_schema()))", [LOCK_CLASS]);
      const [next] = await queryRows(client, z.object({ r: z.coerce.number().int() }), "SELECT coalesce(max(revision), 0) + 1 AS r FROM questions");
      const revision = next!.r;
      // Lock the rows that exist, in id order so that two upserts never wait on each other in a cycle.
      const ids = [...new Set(questions.map((q) => q.id))].sort();
      const rows = await queryRows(client, RecordRow, "SELECT id, record FROM questions WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE", [ids]);
      const current = new Map(rows.map((r) => [r.id, parseRecord(r.record)]));
      const existed = new Set(current.keys());

      // Merge in input order, exactly as the embedded store does, a repeated id meeting its earlier copy.
      const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
      const changed = new Map<string, Question>();
      for (const incoming of questions) {
        const outcome = mergeQuestion(current.get(incoming.id) ?? null, incoming);
        if (outcome.kind === "keep") {
          summary.unchanged++;
          continue;
        }
        current.set(incoming.id, outcome.record);
        changed.set(incoming.id, outcome.record);
        summary.changedIds.push(incoming.id);
        if (outcome.kind === "insert") summary.inserted++;
        else summary.updated++;
      }

      const fresh = [...changed.values()].filter((q) => !existed.has(q.id)).sort(byId);
      const replaced = [...changed.values()].filter((q) => existed.has(q.id)).sort(byId);
      if (fresh.length > 0) {
        const added = await queryRows(
          client,
          z.object({ id: z.string() }),
          "INSERT INTO questions (id, date_tabled, uin, date_answered, record, updated_at, revision) " +
            "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[]) " +
            "ON CONFLICT (id) DO NOTHING RETURNING id",
          columns(fresh, stamp, revision),
        );
        // Another process inserted one of these ids since our SELECT: merge again against its copy.
        if (added.length !== fresh.length) throw new RetryTransaction("a concurrent upsert inserted the same question");
      }
      if (replaced.length > 0) {
        await execute(
          client,
          "UPDATE questions AS q SET date_tabled = u.date_tabled, uin = u.uin, date_answered = u.date_answered, " +
            "record = u.record, updated_at = u.updated_at, revision = u.revision " +
            "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[]) " +
            "AS u (id, date_tabled, uin, date_answered, record, updated_at, revision) WHERE q.id = u.id",
          columns(replaced, stamp, revision),
        );
      }
      return summary;
    });
  }

  async getQuestion(id: string): Promise<Question | null> {
    const rows = await queryRows(this.pool, RecordRow, "SELECT id, record FROM questions WHERE id = $1", [id]);
    return rows[0] ? parseRecord(rows[0].record) : null;
  }

  async getQuestions(ids: readonly string[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows(this.pool, RecordRow, "SELECT id, record FROM questions WHERE id = ANY($1::text[])", [
      [...new Set(ids)],
    ]);
    const byKey = new Map(rows.map((r) => [r.id, parseRecord(r.record)]));
    const out: Question[] = [];
    for (const id of ids) {
      const q = byKey.get(id);
      if (q) out.push(q);
    }
    return out;
  }

  async findByUin(dateTabled: string, uin: string): Promise<Question | null> {
    // SQLite's NOCASE folds ASCII letters only; so does this (UINs are ASCII).
    const rows = await queryRows(
      this.pool,
      RecordRow,
      "SELECT id, record FROM questions WHERE date_tabled = $1 AND lower(uin) = lower($2) ORDER BY id LIMIT 1",
      [dateTabled, uin],
    );
    return rows[0] ? parseRecord(rows[0].record) : null;
  }

  async *allQuestions(batchSize = 2000): AsyncIterable<Question[]> {
    let after = "";
    for (;;) {
      const rows = await queryRows(
        this.pool,
        RecordRow,
        'SELECT id, record FROM questions WHERE id > $1 ORDER BY id LIMIT $2',
        [after, batchSize],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((r) => parseRecord(r.record));
    }
  }

  async newestAnswerDate(): Promise<string | null> {
    const rows = await queryRows(this.pool, z.object({ d: z.string().nullable() }), "SELECT max(date_answered) AS d FROM questions");
    return rows[0]?.d ?? null;
  }

  async oldestAnswerDate(): Promise<string | null> {
    const rows = await queryRows(this.pool, z.object({ d: z.string().nullable() }), "SELECT min(date_answered) AS d FROM questions");
    return rows[0]?.d ?? null;
  }

  async revision(): Promise<number> {
    const rows = await queryRows(this.pool, z.object({ r: z.coerce.number().int() }), "SELECT coalesce(max(revision), 0) AS r FROM questions");
    return rows[0]?.r ?? 0;
  }

  async *changedSince(revision: number, batchSize = 2000): AsyncIterable<Question[]> {
    let after = { revision, id: "" };
    for (;;) {
      const rows = await queryRows(
        this.pool,
        RecordRow.extend({ revision: z.coerce.number().int() }),
        "SELECT id, record, revision FROM questions WHERE revision > $1 AND (revision, id) > ($2, $3) ORDER BY revision, id LIMIT $4",
        [revision, after.revision, after.id, batchSize],
      );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = { revision: last.revision, id: last.id };
      yield rows.map((r) => parseRecord(r.record));
    }
  }

  async countQuestions(): Promise<number> {
    const rows = await queryRows(this.pool, z.object({ n: z.number().int() }), "SELECT count(*)::int AS n FROM questions");
    return rows[0]?.n ?? 0;
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await queryRows(this.pool, z.object({ value: z.string() }), "SELECT value FROM meta WHERE key = $1", [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await execute(
      this.pool,
      "INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      [key, value, this.now().toISOString()],
    );
  }

  async pruneMeta(prefix: string, olderThan: Date): Promise<number> {
    // left(), not LIKE: a prefix may hold _ or %.
    const rows = await queryRows(
      this.pool,
      z.object({ n: z.number().int() }),
      "WITH gone AS (DELETE FROM meta WHERE left(key, $1) = $2 AND updated_at < $3 RETURNING 1) SELECT count(*)::int AS n FROM gone",
      [prefix.length, prefix, olderThan.toISOString()],
    );
    return rows[0]?.n ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function byId(a: Question, b: Question): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function columns(questions: readonly Question[], stamp: string, revision: number): unknown[] {
  return [
    questions.map((q) => q.id),
    questions.map((q) => q.dateTabled),
    questions.map((q) => q.uin),
    questions.map((q) => q.dateAnswered),
    questions.map((q) => JSON.stringify(q)),
    questions.map(() => stamp),
    questions.map(() => revision),
  ];
}

/** A stored record, checked: a row written by another (older or newer) wq is not trusted blindly. */
function parseRecord(text: string): Question {
  return QuestionSchema.parse(JSON.parse(text));
}
