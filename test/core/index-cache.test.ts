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
import { docsFrame, docsOf, readSnapshot, snapshotBytes } from "../helpers/snapshot-frames.ts";

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

  it.runIf(everyCase)("is a header line, then frames: the questions field by field, the index's parts, a trailer", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const { header, frames } = readSnapshot(cache);
    expect(JSON.parse(header)).toMatchObject({ format: expect.stringMatching(/^wq-index-/), revision: await store.revision() });
    expect(frames.map((f) => f.type).join("")).toMatch(/^D+P+E$/);
    // Each field as its distinct values and each question's place among them, two bytes a question.
    const docs = frames.filter((f) => f.type === "D").map((f) => docsOf(f.payload));
    expect(docs.reduce((sum, d) => sum + d.json.count, 0)).toBe(11);
    for (const d of docs) expect(d.places.length).toBe(Object.keys(d.json.columns).length * d.json.count * 2);
    expect(JSON.parse(frames.at(-1)!.payload.toString())).toMatchObject({ end: true, docs: 11 });
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
    const good = readFileSync(cache);
    const snapshot = readSnapshot(cache);
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    const reopened = async (bytes: string | Buffer): Promise<string> => {
      writeFileSync(cache, bytes);
      const opened = await open(store, cache, logger);
      // Rebuilt whole: a half-read snapshot must not leave a half index behind.
      expect(opened.index.size).toBe(11);
      return opened.from;
    };
    expect(await reopened("")).toBe("store");
    expect(warnings.at(-1)).toMatch(/empty/);
    expect(await reopened("{ not json")).toBe("store");
    expect(await reopened(good.subarray(0, good.length - 5))).toBe("store");
    expect(warnings.at(-1)).toMatch(/cut short/);
    // One index part dropped: the trailer's count of them catches it.
    expect(await reopened(snapshotBytes({ ...snapshot, frames: snapshot.frames.filter((f) => f.type !== "P") }))).toBe("store");
    expect(warnings.at(-1)).toMatch(/counts/);
    // A byte changed in the questions: their checksum catches it.
    const damaged = Buffer.from(good);
    const at = good.indexOf(snapshot.frames[0]!.payload) + 10;
    damaged[at] = damaged[at]! ^ 1;
    expect(await reopened(damaged)).toBe("store");
    expect(warnings.at(-1)).toMatch(/damaged/);
    // Questions that are not questions, under a right checksum.
    const { json, places } = docsOf(snapshot.frames[0]!.payload);
    const badDoc = snapshotBytes({ ...snapshot, frames: [docsFrame({ ...json, columns: { ...json.columns, id: [5] } }, places), ...snapshot.frames.slice(1)] });
    expect(await reopened(badDoc)).toBe("store");
    expect(warnings.at(-1)).toMatch(/malformed/);
    const header = JSON.parse(snapshot.header) as Record<string, unknown>;
    expect(await reopened(snapshotBytes({ ...snapshot, header: JSON.stringify({ ...header, format: "wq-index-0/flexsearch-0.0.0" }) }))).toBe("store");
    expect(warnings.at(-1)).toMatch(/format/);
    // A snapshot of the line format before wq-index-6 is refused by its format name.
    const lines = [JSON.stringify({ ...header, format: "wq-index-5/encoder-2/flexsearch-0.8.212" }), 'D{"id":["1",""]}', "P00000000 AAAA", '{"end":true,"docs":11,"parts":1}'].join("\n");
    expect(await reopened(lines)).toBe("store");
    expect(warnings.at(-1)).toMatch(/format wq-index-5/);
    const other = await freshStore();
    writeFileSync(other.cache, good);
    const opened = await open(other.store, other.cache, logger);
    expect(opened.from).toBe("store");
    expect(warnings.at(-1)).toMatch(/another database/);
  });

  it("is refused when cut short and the index rebuilt whole", async () => {
    const { store, cache } = await freshStore();
    await open(store, cache);
    const good = readFileSync(cache);
    writeFileSync(cache, good.subarray(0, Math.floor(good.length / 2)));
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
