import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchEngineFor } from "../../../src/core/open-core.ts";
import type { IndexEngine } from "../../../src/core/search/engine.ts";
import { openIndex } from "../../../src/core/search/index-cache.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { storeTexts } from "../../../src/core/search/store-texts.ts";
import { onTimeState } from "../../../src/core/trends/trend-counts.ts";
import { OTHER, trendOf, type Trend } from "../../../src/core/trends/trend.ts";
import { metaOf } from "../../../src/core/search/documents.ts";
import type { Question } from "../../../src/model/question.ts";
import { importPaths } from "../../../src/sources/readers/import.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { CORPUS_DIR, CORPUS_SKIP_MESSAGE, corpusPresent } from "../../helpers/corpus.ts";

/** A fixed "now", after the corpus's newest question (July 2026). */
const NOW = new Date("2026-11-30T12:00:00Z");

/** Queries of every kind: filters alone, words, phrases, OR and exclusions, a phrase with a filter. */
const QUERIES = ["dept:dhsc", "dentists", '"mental health"', "(nurses OR midwives) -agency", "asker:shannon", '"forced labour" dept:fcdo', "status:holding"];

describe.skipIf(!corpusPresent)(`trends on the shared corpus (${corpusPresent ? "present" : CORPUS_SKIP_MESSAGE})`, () => {
  let store: SqliteStore;
  let engine: IndexEngine;
  const all: Question[] = [];
  const trends = new Map<string, Trend>();

  beforeAll(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "wq-trend-")), "wq.db"));
    await importPaths([CORPUS_DIR], store);
    // The index in its worker thread, reading phrase texts from the SQLite file, as in production.
    engine = searchEngineFor({ store, worker: true });
    await openIndex(store, storeTexts(store), null, undefined, engine);
    for await (const batch of store.allQuestions()) all.push(...batch);
    for (const q of QUERIES) trends.set(q, await trendOf({ index: engine, store, now: () => NOW }, q, parseQuery(q), { unit: "month", from: null, to: null }));
  }, 240_000);
  afterAll(async () => {
    await engine?.close();
    store?.close();
  });

  it("covers the 24 months up to the newest question held by default", () => {
    const newest = all.reduce((max, q) => (q.dateTabled > max ? q.dateTabled : max), "");
    const months: string[] = [];
    for (let y = Number(newest.slice(0, 4)), m = Number(newest.slice(5, 7)); months.length < 24; m === 1 ? ((m = 12), y--) : m--)
      months.unshift(`${y}-${String(m).padStart(2, "0")}`);
    const trend = trends.get("dept:dhsc")!;
    expect(trend.periods.map((p) => p.key)).toEqual(months);
    expect(trend.from).toBe(`${months[0]}-01`);
    expect(trend.to).toBe(newest);
  });

  for (const text of QUERIES)
    it(`counts each month of ${text} exactly as the search "${text} tabled:YYYY-MM" totals`, async () => {
      const trend = trends.get(text)!;
      expect(trend.total).toBeGreaterThan(0);
      for (const p of trend.periods) {
        const result = await engine.search(parseQuery(`${text} tabled:${p.key}`), 0, 1);
        expect(result.estimated, `${p.key}: the search's own total is exact`).toBeUndefined();
        expect(p.count, p.key).toBe(result.total);
        // The departments split the month without loss.
        expect(Object.values(p.byDepartment).reduce((a, b) => a + b, 0), p.key).toBe(p.count);
      }
      expect(trend.periods.reduce((sum, p) => sum + p.count, 0)).toBe(trend.total);
    });

  it("counts a filter-only query, its departments, askers and on-time share as the records say", () => {
    const trend = trends.get("asker:shannon")!;
    const held = all.filter((q) => (q.askingMember?.name.toLowerCase() ?? "").includes("shannon") && q.dateTabled >= trend.from && q.dateTabled <= trend.to);
    expect(trend.total).toBe(held.length);
    const byMonth = new Map<string, number>();
    for (const q of held) byMonth.set(q.dateTabled.slice(0, 7), (byMonth.get(q.dateTabled.slice(0, 7)) ?? 0) + 1);
    for (const p of trend.periods) expect(p.count, p.key).toBe(byMonth.get(p.key) ?? 0);

    const byBody = new Map<string, number>();
    for (const q of held) byBody.set(q.answeringBody.name, (byBody.get(q.answeringBody.name) ?? 0) + 1);
    const top = [...byBody].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).slice(0, 5);
    expect(trend.departments.slice(0, 5)).toEqual(top.map(([name]) => name));
    const sum = (d: string): number => trend.periods.reduce((s, p) => s + (p.byDepartment[d] ?? 0), 0);
    for (const [name, n] of top) expect(sum(name), name).toBe(n);
    expect(sum(OTHER)).toBe(held.length - top.reduce((s, [, n]) => s + n, 0));

    const states = held.map((q) => onTimeState(metaOf(q)));
    const due = states.filter((s) => s !== "not-counted").length;
    expect(due).toBeGreaterThan(100);
    expect(trend.due).toBe(due);
    expect(trend.answeredOnTime).toBeCloseTo(states.filter((s) => s === "on-time").length / due, 10);
    expect(trend.topAskers[0]).toMatchObject({ name: "Jim Shannon", count: held.filter((q) => q.askingMember?.name === "Jim Shannon").length });
  });

  it("counts the on-time share from the records' own dates for a department", () => {
    const trend = trends.get("dept:dhsc")!;
    const answered = all.filter(
      (q) => q.answeringBody.id === 17 && q.dateTabled >= trend.from && q.dateTabled <= trend.to && !q.isWithdrawn && !q.isHolding && q.dateAnswered && q.dateForAnswer,
    );
    expect(answered.length).toBeGreaterThan(1000);
    expect(trend.due).toBe(answered.length);
    expect(trend.onTime).toBe(answered.filter((q) => q.dateAnswered! <= q.dateForAnswer!).length);
  });
});
