/**
 * The search index in a worker thread: it answers as the index in this thread does, reads phrase
 * texts on its own SQLite connection or from its owner, keeps upserts and searches in order, and
 * leaves the calling thread's event loop free while it works.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCore } from "../../src/core/open-core.ts";
import { importPaths } from "../../src/sources/readers/import.ts";
import type { SearchEngine } from "../../src/core/search/engine.ts";
import { openIndex } from "../../src/core/search/index-cache.ts";
import { LocalEngine } from "../../src/core/search/local-engine.ts";
import { parseQuery, QueryError, type Query } from "../../src/core/search/query.ts";
import { SearchBudgetError } from "../../src/core/search/search-index.ts";
import { storeTexts } from "../../src/core/search/store-texts.ts";
import { rebuiltError, WorkerEngine } from "../../src/core/search/worker-engine.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

let store: SqliteStore;
let file: string;
let local: LocalEngine;
let worker: WorkerEngine;
const closing: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), "wq-worker-")), "wq.db");
  store = new SqliteStore(file);
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  local = (await openIndex(store, storeTexts(store), null, undefined, new LocalEngine(storeTexts(store)))).index as LocalEngine;
  worker = new WorkerEngine({ textsFile: file, texts: async () => { throw new Error("the worker should read the file itself"); } });
  closing.push(worker);
  await openIndex(store, storeTexts(store), null, undefined, worker);
});
afterAll(async () => {
  await Promise.all(closing.map((c) => c.close()));
  await store.close();
});

const ids = async (engine: SearchEngine, q: string): Promise<string[]> => (await engine.search(parseQuery(q), 0, 100)).hits.map((h) => h.id);

/** Whether a timer set just after `start()` fires before the promise it returned settles. */
async function timerFiresFirst(start: () => Promise<unknown>): Promise<boolean> {
  const order: string[] = [];
  const search = start().then(() => order.push("search"));
  setImmediate(() => order.push("timer"));
  await search;
  await new Promise((r) => setImmediate(r));
  return order[0] === "timer";
}

describe("the search worker", () => {
  it("answers every kind of query as the index in this thread does, phrases checked on its own connection", async () => {
    expect(worker.size).toBe(11);
    for (const q of ['"forced labour"', "xinjiang", "uyghurs -solar", "nurses OR solar", "dept:fcdo", "status:holding sort:oldest", '"human rights" dept:fcdo']) {
      const expected = await ids(local, q);
      expect(expected.length, `${q} finds something`).toBeGreaterThan(0);
      expect(await ids(worker, q), q).toEqual(expected);
    }
  });

  it("asks its owner for phrase texts when it has no file (PostgreSQL's way)", async () => {
    const asked: string[][] = [];
    const texts = storeTexts(store);
    const w = new WorkerEngine({ textsFile: null, texts: (list) => (asked.push([...list]), texts(list)) });
    closing.push(w);
    await openIndex(store, texts, null, undefined, w);
    expect(await ids(w, '"forced labour"')).toEqual(await ids(local, '"forced labour"'));
    expect(asked.flat().length).toBeGreaterThan(0);
  });

  it("sees an upsert in every search asked for after it, without waiting for the upsert", async () => {
    const seed = (await store.getQuestion(SEED_ID))!;
    void worker.upsert([{ ...seed, id: "wombat-1", heading: "Wombats: Habitat" }]);
    expect(await ids(worker, "wombats")).toEqual(["wombat-1"]);
    expect(worker.size).toBe(12);
  });

  it("turns a failing search into that call's rejection; the next search answers", async () => {
    const broken = { clauses: null } as unknown as Query;
    await expect(worker.search(broken, 0, 5)).rejects.toThrow();
    expect(await ids(worker, "xinjiang")).not.toEqual([]);
  });

  it("leaves the event loop free while it searches; the index in this thread holds it", async () => {
    const heavy = parseQuery('"forced labour" OR "human rights" OR uyghurs OR china OR solar OR "local authorities"');
    // The worker is held inside the search, as a heavy query holds it: a race between a fast search
    // and a timer would prove nothing on an index this small.
    const hold = new Int32Array(new SharedArrayBuffer(8));
    const held = new WorkerEngine({ textsFile: file, texts: storeTexts(store), hold });
    closing.push(held);
    await openIndex(store, storeTexts(store), null, undefined, held);
    Atomics.store(hold, 0, 1);
    let done = false;
    const search = held.search(heavy, 0, 5).then((r) => ((done = true), r));
    // Polling runs on this thread's timers: it sees the worker inside the search only if the event
    // loop keeps turning while the search is under way.
    await expect.poll(() => Atomics.load(hold, 1), { interval: 5, timeout: 30_000 }).toBe(1);
    expect(done).toBe(false);
    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    expect((await search).hits.map((h) => h.id)).toEqual((await local.search(heavy, 0, 5)).hits.map((h) => h.id));
    // The control: run in this thread, the same search keeps the timer waiting until it is done.
    expect(await timerFiresFirst(() => local.search(heavy, 0, 5))).toBe(false);
  });

  it("rejects calls once closed", async () => {
    const w = new WorkerEngine({ textsFile: file, texts: storeTexts(store) });
    await w.upsert([(await store.getQuestion(SEED_ID))!]);
    await w.close();
    await expect(w.search(parseQuery("china"), 0, 5)).rejects.toThrow(/closed/);
  });

  it("tells its owner once when the worker dies by itself, and not when it is closed", async () => {
    const lost: Error[] = [];
    const w = new WorkerEngine({ textsFile: file, texts: storeTexts(store), onLost: (e) => lost.push(e) });
    await w.upsert([(await store.getQuestion(SEED_ID))!]);
    // A crash or an out-of-memory end, as the owner sees it: the thread stops without close().
    await (w as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(w.search(parseQuery("china"), 0, 5)).rejects.toThrow(/search worker stopped/);
    expect(lost.map((e) => e.message)).toEqual([expect.stringMatching(/search worker stopped/)]);

    const closed = new WorkerEngine({ textsFile: file, texts: storeTexts(store), onLost: (e) => lost.push(e) });
    await closed.upsert([(await store.getQuestion(SEED_ID))!]);
    await closed.close();
    await new Promise((r) => setImmediate(r));
    expect(lost).toHaveLength(1);
  });
});

describe("a core whose search is stuck", () => {
  it("still answers help while the worker is held in a search", async () => {
    const hold = new Int32Array(new SharedArrayBuffer(8));
    const engine = new WorkerEngine({ textsFile: file, texts: storeTexts(store), hold });
    closing.push(engine);
    const { core } = await openCore({ store, engine });
    Atomics.store(hold, 0, 1);
    let searched = false;
    const search = core.run("search xinjiang", { platform: "cli", userId: "a" }).then((r) => ((searched = true), r));
    // The positive signal first: the worker is inside the search, blocked as a heavy query blocks it.
    await expect.poll(() => Atomics.load(hold, 1), { interval: 5, timeout: 30_000 }).toBe(1);
    const help = await core.run("help", { platform: "cli", userId: "b" });
    expect(help.text + JSON.stringify(help.cards)).toMatch(/search/i);
    expect(searched).toBe(false);
    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    expect((await search).text).toMatch(/1–\d|result/i);
  });
});

describe("errors from the worker", () => {
  it("keep their kind: a search stopped at its time budget is still a SearchBudgetError", () => {
    const budget = rebuiltError("That search took over 1 s and was stopped", "SearchBudgetError", true);
    expect(budget).toBeInstanceOf(SearchBudgetError);
    expect(budget).toBeInstanceOf(QueryError);
    expect(budget.message).toMatch(/stopped/);
    const mistake = rebuiltError("Unknown filter", "QueryError", true);
    expect(mistake).toBeInstanceOf(QueryError);
    expect(mistake).not.toBeInstanceOf(SearchBudgetError);
    expect(rebuiltError("disk", "Error", false)).not.toBeInstanceOf(QueryError);
  });
});
