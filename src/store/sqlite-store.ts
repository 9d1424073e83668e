import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { QuestionSchema, type Question } from "../model/question.ts";
import { mergeQuestion } from "./merge.ts";
import type { Store, UpsertSummary } from "./store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS questions (
  id TEXT PRIMARY KEY,
  date_tabled TEXT NOT NULL,
  uin TEXT,
  date_answered TEXT,
  record TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS questions_uin ON questions (date_tabled, uin);
CREATE INDEX IF NOT EXISTS questions_answered ON questions (date_answered);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Columns added after the first release of the schema, for databases made before them. */
const ADDED_COLUMNS = [
  { table: "questions", column: "revision", definition: "INTEGER NOT NULL DEFAULT 0" },
  // When a value was last written, for pruneMeta; rows from before it count from the upgrade.
  { table: "meta", column: "updated_at", definition: "TEXT" },
];

interface Row {
  record: string;
}

/** The embedded store: one SQLite file, created with its folder on first use. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(path: string, private readonly now: () => Date = () => new Date()) {
    if (path !== ":memory:") createPrivately(path);
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = this.db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
      if (columns.some((c) => c.name === column)) continue;
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      // Values from before the column count from the upgrade, so none expires at once.
      if (table === "meta") this.db.prepare("UPDATE meta SET updated_at = ?").run(this.now().toISOString());
    }
    this.db.exec("CREATE INDEX IF NOT EXISTS questions_revision ON questions (revision)");
  }

  async upsertQuestions(questions: readonly Question[]): Promise<UpsertSummary> {
    const get = this.db.prepare<[string], Row>("SELECT record FROM questions WHERE id = ?");
    const put = this.db.prepare(
      "INSERT INTO questions (id, date_tabled, uin, date_answered, record, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?) " +
        "ON CONFLICT (id) DO UPDATE SET date_tabled = excluded.date_tabled, uin = excluded.uin, " +
        "date_answered = excluded.date_answered, record = excluded.record, updated_at = excluded.updated_at, " +
        "revision = excluded.revision",
    );
    const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    const stamp = this.now().toISOString();
    this.db.transaction(() => {
      // Every write of one call shares a revision above all before it (SQLite has one writer).
      const revision = (this.db.prepare<[], { r: number }>("SELECT coalesce(max(revision), 0) + 1 AS r FROM questions").get()?.r ?? 1);
      for (const incoming of questions) {
        const row = get.get(incoming.id);
        const outcome = mergeQuestion(row ? parseRecord(row.record) : null, incoming);
        if (outcome.kind === "keep") {
          summary.unchanged++;
          continue;
        }
        const r = outcome.record;
        put.run(r.id, r.dateTabled, r.uin, r.dateAnswered, JSON.stringify(r), stamp, revision);
        summary.changedIds.push(r.id);
        if (outcome.kind === "insert") summary.inserted++;
        else summary.updated++;
      }
    })();
    return summary;
  }

  /** Prepared on first use and kept: preparing cost more than reading a search's page of records. */
  private recordById: Database.Statement<[string], Row> | null = null;

  private selectRecord(): Database.Statement<[string], Row> {
    return (this.recordById ??= this.db.prepare<[string], Row>("SELECT record FROM questions WHERE id = ?"));
  }

  async getQuestion(id: string): Promise<Question | null> {
    const row = this.selectRecord().get(id);
    return row ? parseRecord(row.record) : null;
  }

  private recordsByIds: Database.Statement<[string], Row & { id: string }> | null = null;

  /** In the order of `ids`, those that exist: one statement for a page of results, not one each. */
  async getQuestions(ids: readonly string[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    this.recordsByIds ??= this.db.prepare<[string], Row & { id: string }>("SELECT id, record FROM questions WHERE id IN (SELECT value FROM json_each(?))");
    const byId = new Map(this.recordsByIds.all(JSON.stringify(ids)).map((r) => [r.id, r.record]));
    const out: Question[] = [];
    for (const id of ids) {
      const record = byId.get(id);
      if (record !== undefined) out.push(parseRecord(record));
    }
    return out;
  }

  async findByUin(dateTabled: string, uin: string): Promise<Question | null> {
    const row = this.db
      .prepare<[string, string], Row>("SELECT record FROM questions WHERE date_tabled = ? AND uin = ? COLLATE NOCASE")
      .get(dateTabled, uin);
    return row ? parseRecord(row.record) : null;
  }

  async *allQuestions(batchSize = 2000): AsyncIterable<Question[]> {
    const page = this.db.prepare<[string, number], Row & { id: string }>(
      "SELECT id, record FROM questions WHERE id > ? ORDER BY id LIMIT ?",
    );
    let after = "";
    for (;;) {
      const rows = page.all(after, batchSize);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((r) => parseRecord(r.record));
    }
  }

  async newestAnswerDate(): Promise<string | null> {
    return this.db.prepare<[], { d: string | null }>("SELECT max(date_answered) AS d FROM questions").get()?.d ?? null;
  }

  async oldestAnswerDate(): Promise<string | null> {
    return this.db.prepare<[], { d: string | null }>("SELECT min(date_answered) AS d FROM questions").get()?.d ?? null;
  }

  async revision(): Promise<number> {
    return this.db.prepare<[], { r: number }>("SELECT coalesce(max(revision), 0) AS r FROM questions").get()?.r ?? 0;
  }

  async *changedSince(revision: number, batchSize = 2000): AsyncIterable<Question[]> {
    const page = this.db.prepare<[number, number, string, number], Row & { id: string; revision: number }>(
      "SELECT id, revision, record FROM questions WHERE revision > ? AND (revision, id) > (?, ?) ORDER BY revision, id LIMIT ?",
    );
    let after = { revision, id: "" };
    for (;;) {
      const rows = page.all(revision, after.revision, after.id, batchSize);
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = { revision: last.revision, id: last.id };
      yield rows.map((r) => parseRecord(r.record));
    }
  }

  async countQuestions(): Promise<number> {
    const row = this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM questions").get();
    return row?.n ?? 0;
  }

  async getMeta(key: string): Promise<string | null> {
    const row = this.db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?").get(key);
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      )
      .run(key, value, this.now().toISOString());
  }

  async pruneMeta(prefix: string, olderThan: Date): Promise<number> {
    // substr, not LIKE: a prefix may hold _ or %.
    return this.db
      .prepare("DELETE FROM meta WHERE substr(key, 1, ?) = ? AND updated_at < ?")
      .run(prefix.length, prefix, olderThan.toISOString()).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * A new database file is readable by its owner only (0600, its folder 0700 when wq makes it):
 * it holds OAuth installations and subscriptions. SQLite gives its -wal and -shm files the same
 * mode. An existing file keeps the mode its operator gave it.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
  }
}

function parseRecord(text: string): Question {
  return QuestionSchema.parse(JSON.parse(text));
}
