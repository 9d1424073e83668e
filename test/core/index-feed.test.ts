/**
 * Building the index with its tokens encoded in other threads (index-feed.ts, encoder-pool.ts):
 * the same index, byte for byte, as one built in this thread, whatever the threads do.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encodeFields, fieldTexts, type FieldTexts } from "../../src/core/search/documents.ts";
import { EncoderPool, encoderThreads } from "../../src/core/search/encoder-pool.ts";
import { feedIndex, IN_FLIGHT, type TokenEncoder } from "../../src/core/search/index-feed.ts";
import { LocalEngine } from "../../src/core/search/local-engine.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { WorkerEngine } from "../../src/core/search/worker-engine.ts";
import { WorkerCalls } from "../../src/core/threads/worker-calls.ts";
import type { Question } from "../../src/model/question.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

const noTexts = async (): Promise<Map<string, string>> => new Map();
const header = { format: "test", storeId: "s", revision: 1 };
const dir = mkdtempSync(join(tmpdir(), "wq-feed-"));
let saved = 0;

/** The snapshot file's bytes: what the index holds, in the order it holds it. */
async function bytesOf(engine: LocalEngine): Promise<Buffer> {
  const path = join(dir, `index-${saved++}`);
  await engine.save(path, header);
  return readFileSync(path);
}

async function* inBatches(questions: readonly Question[], size: number): AsyncIterable<Question[]> {
  for (let i = 0; i < questions.length; i += size) yield questions.slice(i, i + size);
}

const quietLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

let seeded: SeededCore;
/** Every fixture question, then a newer copy of the first: the copy must replace it, as upsert does. */
let questions: Question[];
let inThread: Buffer;

beforeAll(async () => {
  seeded = await seededCore();
  questions = [];
  for await (const batch of seeded.store.allQuestions()) questions.push(...batch);
  questions.push({ ...questions[0]!, heading: "Wombats: Habitats", questionText: "To ask about wombats." });
  const engine = new LocalEngine(noTexts);
  for await (const batch of inBatches(questions, 1)) engine.upsert(batch);
  inThread = await bytesOf(engine);
});
afterAll(() => seeded.close());

describe("feedIndex", () => {
  it("builds with encoder threads the index built in this thread, byte for byte", async () => {
    const pool = new EncoderPool(1);
    const encode = vi.spyOn(pool, "encode");
    const engine = new LocalEngine(noTexts);
    const read = await feedIndex(engine, inBatches(questions, 2), { threads: 1, threadsAfter: 0, startPool: () => pool });
    expect(read).toBe(questions.length);
    expect(encode.mock.calls.length).toBe(Math.ceil(questions.length / 2));
    expect((await bytesOf(engine)).equals(inThread)).toBe(true);
    const found = await engine.search(parseQuery("wombats"), 0, 5);
    expect(found.hits.map((h) => h.id)).toEqual([questions[0]!.id]);
  });

  it("hands the engine whole batches from the first the threads fail on, closes them, and says so once", async () => {
    let calls = 0;
    const failing: TokenEncoder = {
      encode: async (texts) => {
        calls++;
        if (calls === 3) throw new Error("the encoder thread stopped (exit code 1)");
        return texts.map(encodeFields);
      },
      close: vi.fn(async () => {}),
    };
    const logger = quietLogger();
    const engine = new LocalEngine(noTexts);
    const upsert = vi.spyOn(engine, "upsert");
    vi.spyOn(engine, "add");
    await feedIndex(engine, inBatches(questions, 1), { threads: 1, threadsAfter: 0, startPool: () => failing, logger });
    expect((await bytesOf(engine)).equals(inThread)).toBe(true);
    expect(logger.warn).toHaveBeenCalledOnce();
    expect(failing.close).toHaveBeenCalled();
    // After the failure no batch is sent to the threads again: at most those already waiting were.
    expect(calls).toBeLessThanOrEqual(3 + IN_FLIGHT - 1);
    // Every batch went one way: added with its tokens, or handed over whole.
    const add = vi.mocked(engine.add);
    expect(upsert.mock.calls.length + add.mock.calls.length).toBe(questions.length);
    expect(add.mock.calls.length).toBe(calls - 1);
  });

  it("falls back the same way when the threads cannot be started at all", async () => {
    const logger = quietLogger();
    const engine = new LocalEngine(noTexts);
    const startPool = (): TokenEncoder => {
      throw new Error("no worker threads here");
    };
    await feedIndex(engine, inBatches(questions, 1), { threads: 1, threadsAfter: 0, startPool, logger });
    expect((await bytesOf(engine)).equals(inThread)).toBe(true);
    expect(logger.warn).toHaveBeenCalledOnce();
  });

  it("closes its threads and passes the error on when reading the store fails part way", async () => {
    const pool = new EncoderPool(1);
    const close = vi.spyOn(pool, "close");
    async function* breaking(): AsyncIterable<Question[]> {
      yield* inBatches(questions.slice(0, 6), 1);
      throw new Error("database disk image is malformed");
    }
    await expect(feedIndex(new LocalEngine(noTexts), breaking(), { threads: 1, threadsAfter: 0, startPool: () => pool })).rejects.toThrow("malformed");
    expect(close).toHaveBeenCalledOnce();
  });

  it("builds the same index in the search worker (the bot's engine) as in this thread", async () => {
    const engine = new WorkerEngine({ textsFile: null, texts: noTexts });
    try {
      const pool = new EncoderPool(1);
      const encode = vi.spyOn(pool, "encode");
      await feedIndex(engine, inBatches(questions, 2), { threads: 1, threadsAfter: 0, startPool: () => pool });
      expect(encode).toHaveBeenCalled();
      const path = join(dir, `index-${saved++}`);
      await engine.save(path, header);
      expect(readFileSync(path).equals(inThread)).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it("starts no thread for fewer questions than its threshold, and closes the threads it started", async () => {
    const startPool = vi.fn((n: number) => new EncoderPool(n));
    await feedIndex(new LocalEngine(noTexts), inBatches(questions, 1), { threads: 1, threadsAfter: questions.length + 1, startPool });
    expect(startPool).not.toHaveBeenCalled();

    const pool = new EncoderPool(1);
    const close = vi.spyOn(pool, "close");
    const encode = vi.spyOn(pool, "encode");
    await feedIndex(new LocalEngine(noTexts), inBatches(questions, 1), { threads: 1, threadsAfter: 4, startPool: () => pool });
    expect(encode.mock.calls.length).toBe(questions.length - 4);
    expect(close).toHaveBeenCalledOnce();
  });
});

describe("EncoderPool", () => {
  it("gives each text the tokens this thread gives it, across its threads", async () => {
    const pool = new EncoderPool(2);
    try {
      const texts: FieldTexts[] = questions.slice(0, 20).map(fieldTexts);
      const [a, b] = await Promise.all([pool.encode(texts.slice(0, 10)), pool.encode(texts.slice(10))]);
      expect([...a, ...b]).toEqual(texts.map(encodeFields));
    } finally {
      await pool.close();
    }
  });

  it("uses one thread when a core is left for it, or as many as WQ_INDEX_THREADS asks", () => {
    expect([1, 2, 4, 16].map((cores) => encoderThreads(null, cores))).toEqual([0, 1, 1, 1]);
    expect(encoderThreads(0, 16)).toBe(0);
    expect(encoderThreads(3, 2)).toBe(3);
  });
});

describe("WorkerCalls", () => {
  // A worker that answers with its input doubled, and stops on "stop".
  const code = `
    const { parentPort } = require("node:worker_threads");
    parentPort.on("message", ({ id, call }) => {
      if (call === "stop") process.exit(3);
      if (call === "bad") parentPort.postMessage({ id, ok: false, error: "no such thing" });
      else parentPort.postMessage({ id, ok: true, value: call + call });
    });`;

  it("answers calls, tells a failed call, fails the calls of a worker that stops, and starts another", async () => {
    let started = 0;
    const calls = new WorkerCalls<string, string>(() => {
      started++;
      return new Worker(code, { eval: true });
    }, "the test worker");
    try {
      expect(await calls.call("ab")).toBe("abab");
      await expect(calls.call("bad")).rejects.toThrow("no such thing");
      await expect(calls.call("stop")).rejects.toThrow("the test worker stopped (exit code 3)");
      expect(await calls.call("cd")).toBe("cdcd");
      expect(started).toBe(2);
    } finally {
      await calls.close();
    }
    await expect(calls.call("ef")).rejects.toThrow("the test worker is closed");
  });

  it("fails the call, not its caller, when the worker cannot be made", async () => {
    const calls = new WorkerCalls<string, string>(() => {
      throw new Error("no such file");
    }, "the test worker");
    await expect(calls.call("ab")).rejects.toThrow("no such file");
  });
});
