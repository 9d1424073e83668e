/**
 * The reference line of the search benchmark: SQLite FTS5 (porter stemming, bm25 with the same
 * field weights) over the same questions, answering the same parsed queries. Built once into a
 * file beside the database and reused while it holds as many questions as the store.
 */
import { existsSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { statusOf } from "../src/model/question.ts";
import type { Filters, Node, Query, Term } from "../src/core/search/query.ts";
import type { Store } from "../src/store/store.ts";

export function fts5Path(db: string): string {
  return `${db}.fts5`;
}

/** Builds the FTS5 file when missing or stale; returns the seconds spent building (0 when reused). */
export async function ensureFts5(store: Store, db: string): Promise<{ seconds: number; questions: number; sizeMB: number }> {
  const path = fts5Path(db);
  const questions = await store.countQuestions();
  if (existsSync(path)) {
    const fts = new Database(path, { readonly: true });
    const held = fts.prepare<[], { n: number }>("SELECT count(*) AS n FROM q").get()?.n ?? -1;
    fts.close();
    if (held === questions) return { seconds: 0, questions, sizeMB: statSync(path).size / 1e6 };
    rmSync(path, { force: true });
  }
  const t = performance.now();
  const fts = new Database(path);
  fts.pragma("journal_mode = OFF");
  fts.pragma("synchronous = OFF");
  fts.exec(`
    CREATE TABLE q (rowid INTEGER PRIMARY KEY, id TEXT, body_id INTEGER, house TEXT, status TEXT, date_tabled TEXT,
      date_answered TEXT, recency TEXT, asker TEXT, answerer TEXT, uin TEXT);
    CREATE VIRTUAL TABLE fts USING fts5(heading, question, answer, tokenize = 'porter unicode61', content = '');
  `);
  const putQ = fts.prepare("INSERT INTO q VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const putF = fts.prepare("INSERT INTO fts (rowid, heading, question, answer) VALUES (?, ?, ?, ?)");
  let n = 0;
  for await (const batch of store.allQuestions()) {
    fts.transaction(() => {
      for (const q of batch) {
        n++;
        putQ.run(n, q.id, q.answeringBody.id, q.house, statusOf(q), q.dateTabled, q.dateAnswered, q.dateAnswered ?? q.dateTabled,
          (q.askingMember?.name ?? "").toLowerCase(), (q.answeringMember?.name ?? "").toLowerCase(), q.uin?.toUpperCase() ?? null);
        putF.run(n, q.heading, q.questionText, [q.answerText ?? "", q.answeringBody.name, q.askingMember?.name ?? "", q.answeringMember?.name ?? ""].join("\n"));
      }
    })();
  }
  fts.exec("CREATE INDEX q_recency ON q (recency)");
  fts.exec("INSERT INTO fts (fts) VALUES ('optimize')");
  fts.close();
  return { seconds: (performance.now() - t) / 1000, questions: n, sizeMB: statSync(path).size / 1e6 };
}

const quote = (t: Term): string => `"${t.text.replace(/"/g, '""')}"`;

/** A word, phrase or bracketed group as FTS5 syntax; null for a group with nothing to match. */
function nodeOf(n: Node): string | null {
  if (n.kind !== "group") return quote(n);
  const inner = expressionOf(n);
  return inner === null ? null : `(${inner})`;
}

/** Clauses joined by AND (each an OR of its nodes), then NOT each exclusion; null when there are no clauses. */
function expressionOf(q: { clauses: Node[][]; exclude: Node[] }): string | null {
  const clauses = q.clauses
    .map((c) => c.map(nodeOf).filter((x): x is string => x !== null))
    .filter((c) => c.length > 0)
    .map((c) => (c.length === 1 ? c[0]! : `(${c.join(" OR ")})`));
  if (clauses.length === 0) return null;
  const exclude = q.exclude.map(nodeOf).filter((x): x is string => x !== null).map((x) => ` NOT ${x}`).join("");
  return clauses.join(" AND ") + exclude;
}

/** The query's words as an FTS5 MATCH expression; null when it has none. */
function matchOf(query: Query): string | null {
  return expressionOf(query);
}

/** The query's filters as SQL over the q table. */
function whereOf(f: Filters, query: Query, params: unknown[]): string[] {
  const where: string[] = [];
  const anyOf = (column: string, values: readonly unknown[], op = "="): void => {
    if (!values.length) return;
    where.push(`(${values.map(() => `${column} ${op} ?`).join(" OR ")})`);
    params.push(...values);
  };
  anyOf("q.body_id", f.departments.flatMap((d) => d.ids));
  anyOf("q.asker", f.askers.map((a) => `%${a}%`), "LIKE");
  anyOf("q.answerer", f.answerers.map((a) => `%${a}%`), "LIKE");
  anyOf("q.house", f.houses);
  anyOf("q.status", f.statuses.flatMap((s) => (s === "answered" ? ["answered", "corrected"] : [s])));
  anyOf("q.uin", f.uins);
  for (const [column, range] of [["q.date_tabled", f.tabled], ["q.date_answered", f.answered]] as const) {
    if (!range) continue;
    if (range.from) (where.push(`${column} >= ?`), params.push(range.from));
    if (range.to) (where.push(`${column} <= ?`), params.push(range.to));
  }
  // Exclusions without any words to match: rows whose text holds the excluded term are left out.
  const excluded = query.exclude.map(nodeOf).filter((x): x is string => x !== null).join(" OR ");
  if (query.clauses.length === 0 && excluded) {
    where.push(`q.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)`);
    params.push(excluded);
  }
  return where;
}

export interface Fts5Searcher {
  /** The first page (ids) and the total, as wq's index answers a query. */
  search(query: Query, limit: number): { total: number; ids: string[] };
  close(): void;
}

export function openFts5(db: string): Fts5Searcher {
  const fts = new Database(fts5Path(db), { readonly: true });
  return {
    search(query, limit) {
      const params: unknown[] = [];
      const match = matchOf(query);
      const where = whereOf(query.filters, query, params);
      const from = match ? "fts JOIN q ON q.rowid = fts.rowid" : "q";
      const conditions = [...(match ? ["fts MATCH ?"] : []), ...where];
      const all = match ? [match, ...params] : params;
      const whereSql = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
      const order = match && query.sort === "relevance" ? "bm25(fts, 4.0, 2.0, 1.0), q.recency DESC" : query.sort === "oldest" ? "q.recency ASC" : "q.recency DESC";
      const ids = fts.prepare<unknown[], { id: string }>(`SELECT q.id AS id FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ${limit}`).all(...all).map((r) => r.id);
      const total = fts.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM ${from} ${whereSql}`).get(...all)?.n ?? 0;
      return { total, ids };
    },
    close: () => fts.close(),
  };
}
