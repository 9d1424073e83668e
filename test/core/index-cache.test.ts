import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPaths } from "../../src/core/readers/import.ts";
import { openIndex } from "../../src/core/search/index-cache.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import type { SearchIndex } from "../../src/core/search/search-index.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

const noTexts = async (): Promise<Map<string, string>> => new Map();
const ids = async (index: SearchIndex, q: string): Promise<string[]> =>
  (await index.search(parseQuery(q), 0, 100)).hits.map((h) => h.id).sort();

async function freshStore(): Promise<{ store: SqliteStore; cache: string }> {
  const dir = mkdtempSync(join(tmpdir(), "wq-index-"));
  const store = new SqliteStore(join(dir, "wq.db"));
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  return { store, cache: join(dir, "wq.db.index") };
}

describe("the index snapshot", () => {
  it("is written on the first start and read on the next, answering the same", async () => {
    const { store, cache } = await freshStore();
    const first = await openIndex(store, noTexts, cache);
    expect(first).toMatchObject({ from: "store", read: 11 });
    const second = await openIndex(store, noTexts, cache);
    expect(second).toMatchObject({ from: "snapshot", read: 0 });
    for (const q of ["xinjiang", "uyghur", "solar", "dept:mhclg", "status:holding", "asker:jenkin"]) {
      const fromStore = await ids(first.index, q);
      // Each query finds something, so two empty indexes cannot pass.
      expect(fromStore.length, q).toBeGreaterThan(0);
      expect(await ids(second.index, q), q).toEqual(fromStore);
    }
  });

  it("catches up with questions written after it, and re-indexes changed ones", async () => {
    const { store, cache } = await freshStore();
    await openIndex(store, noTexts, cache);
    const seed = (await store.getQuestion(SEED_ID))!;
    await store.upsertQuestions([{ ...seed, heading: "China: Quokkas", answerText: "Nothing about it now." }]);
    const next = await openIndex(store, noTexts, cache);
    expect(next).toMatchObject({ from: "snapshot", read: 1 });
    expect(await ids(next.index, "quokkas")).toEqual([SEED_ID]);
    // The old words of the changed question are gone from the index.
    expect(await ids(next.index, "biometrics")).toEqual([]);
  });

  it("is rebuilt when it is corrupt, of another format or of another database", async () => {
    const { store, cache } = await freshStore();
    await openIndex(store, noTexts, cache);
    writeFileSync(cache, "{ not json");
    expect((await openIndex(store, noTexts, cache)).from).toBe("store");
    const snapshot = JSON.parse(readFileSync(cache, "utf8")) as Record<string, unknown>;
    writeFileSync(cache, JSON.stringify({ ...snapshot, format: "wq-index-0/flexsearch-0.0.0" }));
    expect((await openIndex(store, noTexts, cache)).from).toBe("store");
    const other = await freshStore();
    writeFileSync(other.cache, readFileSync(cache));
    const warnings: string[] = [];
    const opened = await openIndex(other.store, noTexts, other.cache, { info: () => {}, warn: (m) => warnings.push(m), error: () => {} });
    expect(opened.from).toBe("store");
    expect(warnings.join()).toMatch(/another database/);
  });

  it("is not used without a path", async () => {
    const { store } = await freshStore();
    expect((await openIndex(store, noTexts, null)).from).toBe("store");
    expect((await openIndex(store, noTexts, null)).from).toBe("store");
  });
});
