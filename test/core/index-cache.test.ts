import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPaths } from "../../src/sources/readers/import.ts";
import type { IndexEngine, SearchEngine } from "../../src/core/search/engine.ts";
import { openIndex } from "../../src/core/search/index-cache.ts";
import { LocalEngine } from "../../src/core/search/local-engine.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { WorkerEngine } from "../../src/core/search/worker-engine.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

const noTexts = async (): Promise<Map<string, string>> => new Map();
const ids = async (index: SearchEngine, q: string): Promise<string[]> =>
  (await index.search(parseQuery(q), 0, 100)).hits.map((h) => h.id).sort();

async function freshStore(): Promise<{ store: SqliteStore; cache: string }> {
  const dir = mkdtempSync(join(tmpdir(), "wq-index-"));
  const store = new SqliteStore(join(dir, "wq.db"));
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  return { store, cache: join(dir, "wq.db.index") };
}

const workers: WorkerEngine[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

// The same behaviour whether the index is in this thread or in the search worker, which loads
// and saves the snapshot file itself. A worker takes a second or two to start from the sources,
// so the worker runs the cases where the file crosses threads, not every corruption.
const engines: Array<[string, () => IndexEngine, boolean]> = [
  ["in this thread", () => new LocalEngine(noTexts), true],
  [
    "in a worker",
    () => {
      const w = new WorkerEngine({ textsFile: null, texts: noTexts });
      workers.push(w);
      return w;
    },
    false,
  ],
];

describe.each(engines)("the index snapshot, %s", (_, engine, everyCase) => {
  const open = (store: SqliteStore, cache: string | null, logger?: Parameters<typeof openIndex>[3]) => openIndex(store, noTexts, cache, logger, engine());

  it("is written on the first start and read on the next, answering the same", async () => {
    const { store, cache } = await freshStore();
    const first = await open(store, cache);
    expect(first).toMatchObject({ from: "store", read: 11 });
    const second = await open(store, cache);
    expect(second).toMatchObject({ from: "snapshot", read: 0 });
    expect(second.index.size).toBe(11);
    for (const q of ["xinjiang", "uyghur", "solar", "dept:mhclg", "status:holding", "asker:jenkin"]) {
      const expected = await ids(first.index, q);
      expect(expected.length, `${q} finds something, so the comparison means something`).toBeGreaterThan(0);
      expect(await ids(second.index, q), q).toEqual(expected);
    }
  });

  it.runIf(everyCase)("is a stream of lines: a header, the questions thousands a line field by field, the index's chunks, a trailer", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const lines = readFileSync(cache, "utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: expect.stringMatching(/^wq-index-/), revision: await store.revision() });
    // Each field as its distinct values and each question's place among them.
    const idColumns = lines.filter((l) => l.startsWith("D")).map((l) => (JSON.parse(l.slice(1)) as { id: [unknown, string] }).id);
    // Places are 16-bit numbers in base64: two bytes a question.
    expect(idColumns.reduce((sum, [, places]) => sum + Buffer.from(places, "base64").length / 2, 0)).toBe(11);
    expect(lines.filter((l) => l.startsWith("P")).length).toBeGreaterThan(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, docs: 11 });
  });

  it.runIf(everyCase)("catches up with questions written after it, and re-indexes changed ones", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const seed = (await store.getQuestion(SEED_ID))!;
    await store.upsertQuestions([{ ...seed, heading: "China: Quokkas", answerText: "Nothing about it now." }]);
    const next = await open(store, cache);
    expect(next).toMatchObject({ from: "snapshot", read: 1 });
    expect(await ids(next.index, "quokkas")).toEqual([SEED_ID]);
    // The old words of the changed question are gone from the index.
    expect(await ids(next.index, "biometrics")).toEqual([]);
  });

  it.runIf(everyCase)("is rebuilt when it is corrupt, cut short, of another format or of another database", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const good = readFileSync(cache, "utf8");
    const lines = good.trimEnd().split("\n");
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    const reopened = async (text: string): Promise<string> => {
      writeFileSync(cache, text);
      const opened = await open(store, cache, logger);
      // Rebuilt whole: a half-read snapshot must not leave a half index behind.
      expect(opened.index.size).toBe(11);
      return opened.from;
    };
    expect(await reopened("{ not json")).toBe("store");
    expect(await reopened(lines.slice(0, -1).join("\n"))).toBe("store");
    expect(warnings.at(-1)).toMatch(/cut short/);
    // One index line dropped: the trailer's count of them catches it.
    const firstPart = lines.findIndex((l) => l.startsWith("P"));
    expect(await reopened(lines.filter((_, i) => i !== firstPart).join("\n"))).toBe("store");
    expect(warnings.at(-1)).toMatch(/counts/);
    const badDoc = lines.map((l) => (l.startsWith("D") ? 'D[{"id": 5}]' : l)).join("\n");
    expect(await reopened(badDoc)).toBe("store");
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(await reopened([JSON.stringify({ ...header, format: "wq-index-0/flexsearch-0.0.0" }), ...lines.slice(1)].join("\n"))).toBe("store");
    expect(warnings.at(-1)).toMatch(/format/);
    const other = await freshStore();
    writeFileSync(other.cache, good);
    const opened = await open(other.store, other.cache, logger);
    expect(opened.from).toBe("store");
    expect(warnings.at(-1)).toMatch(/another database/);
  });

  it("is refused when cut short and the index rebuilt whole", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const lines = readFileSync(cache, "utf8").trimEnd().split("\n");
    writeFileSync(cache, lines.slice(0, -3).join("\n"));
    const warnings: string[] = [];
    const opened = await open(store, cache, { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} });
    expect(opened.from).toBe("store");
    expect(warnings.join()).toMatch(/cut short/);
    expect(opened.index.size).toBe(11);
    expect(await ids(opened.index, "xinjiang")).not.toEqual([]);
  });

  it.runIf(everyCase)("is not used without a path", async () => {
    const { store } = await freshStore();
    expect((await open(store, null)).from).toBe("store");
    expect((await open(store, null)).from).toBe("store");
  });
});
