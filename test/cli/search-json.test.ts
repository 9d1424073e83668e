/**
 * `wq search --json` and `--batch` print the core's searchData, not the search reply's cards (the
 * cards' wording and buttons were a quarter of a batch query's time). The two must say the same.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { search, searchData } from "../../src/core/index.ts";
import { cliCore } from "../../src/adapters/cli/cli-core.ts";
import { resultsJson, searchJson } from "../../src/adapters/cli/render-results.ts";
import { runBatch, type BatchLine } from "../../src/adapters/cli/search-batch.ts";
import type { Store } from "../../src/store/store.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

// The core's clock, handed to searchData too: status:overdue is judged on its London day.
const now = (): Date => new Date("2026-11-28T12:00:00Z");
let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore(now);
});
afterAll(() => seeded.close());

const CLI = { platform: "cli", userId: "cli" } as const;

describe("the command line's search JSON", () => {
  const queries = ["xinjiang", '"forced labour"', "uyghur OR uighur", "dept:fcdo", "status:holding", "status:overdue", "(nurses OR midwives) -agency", "zzzqqq", "house:commons sort:oldest"];

  it("is what the search reply's cards carry, result for result, page for page", async () => {
    const deps = { store: seeded.store, index: seeded.index, now };
    let results = 0;
    for (const text of queries) {
      for (const [offset, limit] of [[0, 3], [2, 2], [0, 20], [50, 5]] as const) {
        const data = await searchData(deps, text, offset, limit);
        if (!data.ok) throw new Error(`${text}: ${data.message}`);
        const reply = await seeded.core.execute(search.request({ query: text, page: 1, offset, limit }), CLI);
        expect(searchJson(data), `${text} from ${offset}, ${limit}`).toEqual(resultsJson(reply));
        results += data.hits.length;
      }
    }
    // The comparison covered real results, not only empty pages.
    expect(results).toBeGreaterThan(20);
  });

  it("refuses a bad query in the reply's own words", async () => {
    for (const text of ["dept:nowhere", "tabled:>2026-13-01", "(nurses"]) {
      const data = await searchData({ store: seeded.store, index: seeded.index, now }, text, 0, 5);
      const reply = await seeded.core.execute(search.request({ query: text, page: 1, offset: 0, limit: 5 }), CLI);
      expect(reply.kind).toBe("error");
      expect(data).toEqual({ ok: false, message: reply.text });
    }
  });

  it("refuses a page outside the search command's bounds in one line, without searching", async () => {
    const refusing = { store: seeded.store, index: { ...seeded.index, search: () => Promise.reject(new Error("searched")) }, now };
    for (const [offset, limit] of [[-1, 5], [0, -1], [1.5, 5], [0, 10_001], [10_000_001, 5]]) {
      expect(await searchData(refusing, "xinjiang", offset!, limit!), `${offset}, ${limit}`).toEqual({ ok: false, message: "A page starts at 0 to 10,000,000 and holds 0 to 10,000 results." });
    }
    expect(await searchData({ store: seeded.store, index: seeded.index, now }, "xinjiang", 10_000_000, 10_000)).toMatchObject({ ok: true, hits: [] });
  });

  it("in a batch, a store that fails costs that query's line, and the next query is answered", async () => {
    const failing: Store = Object.create(seeded.store, { getQuestions: { value: () => Promise.reject(new Error("disk gone")) } });
    const lines: BatchLine[] = [];
    const n = await runBatch(cliCore(failing, { cachePath: null, threads: 0 }), Readable.from(["xinjiang\nzzzqqq\n"]), (l) => lines.push(l), { offset: 0, limit: 5 });
    expect(n).toBe(2);
    expect(lines[0]).toEqual({ query: "xinjiang", total: 0, results: [], error: "the search failed: disk gone" });
    expect(lines[1]).toEqual({ query: "zzzqqq", total: 0, results: [] });
  });
});
