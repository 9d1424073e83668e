/**
 * Search at both sizes side by side: the shared corpus and the 815,000-question scale database,
 * with SQLite FTS5 over the same questions as the reference line. For each size: one compiled
 * `wq search --batch` process (ready from the snapshot, per-query latency through the pipe, peak
 * RSS), the index alone and the /wq search command (parse, search, cards) in a process of their
 * own, in this thread and through the search worker.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { compiledCli } from "./compiled.ts";
import { corpusDatabase } from "./corpus.ts";
import { statusKB } from "./proc.ts";
import { benchQueries } from "./queries.ts";
import type { BenchSection } from "./section.ts";
import { median, ms, percentile } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./search-child.ts", import.meta.url));
/** The scale database: `node ../shared/tools/scale-corpus.mjs DIR`, then `wq import DIR --db` this path. */
export const SCALE_DB = process.env["WQ_BENCH_SCALE_DB"] ?? join(ROOT, "..", "scale-db", "wq.db");

interface Size {
  name: string;
  db: string;
  questions: number;
  /** Timed passes over the queries (after one warm-up pass). */
  passes: number;
  /** `wq search --batch` processes started. */
  runs: number;
}

const OpenResult = z.object({
  openSeconds: z.number(), questions: z.number(), size: z.number(), indexMs: z.array(z.number()), commandMs: z.array(z.number()), rssMB: z.number(), maxRssMB: z.number(),
});
const FtsResult = z.object({ seconds: z.number(), questions: z.number(), sizeMB: z.number(), ms: z.array(z.number()), maxRssMB: z.number() });

async function child<T extends z.ZodType>(schema: T, ...args: string[]): Promise<z.infer<T>> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", CHILD, ...args], { maxBuffer: 256 * 1024 * 1024, cwd: ROOT });
  return schema.parse(JSON.parse(stdout.trim().split("\n").pop()!));
}

interface BatchRun {
  /** Spawn to the first answer line, seconds. */
  ready: number;
  /** Per query after the first (the first includes opening), from writing the line to reading its answer. */
  latencies: number[];
  peakRssMB: number;
}

/**
 * The reference for the pipe: a process that answers each line at once with a line as long as a
 * page of results, read and written as wq reads and writes them. What is left of a query's time
 * beside it is wq's.
 */
const ECHO = `
const { createInterface } = require("node:readline");
const line = JSON.stringify({ query: "", total: 5, results: Array.from({ length: 5 }, () => ({ snippet: "x".repeat(560) })) });
createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", () => process.stdout.write(line + "\\n"));
`;

/** One `wq search --batch` process (or the echo reference): the queries written one at a time, each after the last answer. */
function batchRun(cli: string, db: string, queries: readonly string[], argv: readonly string[] = [cli, "search", "--batch", "--limit", "5"]): Promise<BatchRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const proc = spawn(process.execPath, [...argv], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], HOME: process.env["HOME"], WQ_DB: db },
      stdio: ["pipe", "pipe", "inherit"],
    });
    proc.once("error", reject);
    const latencies: number[] = [];
    let ready = NaN;
    let sent = t0;
    let i = 0;
    const next = (): void => {
      if (i === queries.length) {
        const peakRssMB = Math.round(statusKB(proc.pid!, "VmHWM") / 1024);
        proc.stdin.end();
        proc.once("exit", (code) => (code === 0 ? resolve({ ready, latencies, peakRssMB }) : reject(new Error(`wq search --batch exited ${code}`))));
        return;
      }
      sent = performance.now();
      proc.stdin.write(queries[i++] + "\n");
    };
    createInterface({ input: proc.stdout }).on("line", (line) => {
      const now = performance.now();
      const answer = z.object({ error: z.string().optional() }).parse(JSON.parse(line));
      if (answer.error) process.stderr.write(`bench query ${JSON.stringify(queries[i - 1])}: ${answer.error}\n`);
      if (Number.isNaN(ready)) ready = (now - t0) / 1000;
      else latencies.push(now - sent);
      next();
    });
    next();
  });
}

/** `WQ_BENCH_SEARCH_SIZES=scale` (or `shared`) measures one size only (README is not rewritten by partial runs anyway). */
const ONLY = process.env["WQ_BENCH_SEARCH_SIZES"]?.split(",") ?? ["shared", "scale"];

async function sizes(): Promise<{ sizes: Size[]; missing: string | null }> {
  const count = async (db: string): Promise<number> => {
    const store = new SqliteStore(db);
    try {
      return await store.countQuestions();
    } finally {
      await store.close();
    }
  };
  const out: Size[] = [];
  if (ONLY.includes("shared")) {
    const shared = await corpusDatabase();
    out.push({ name: "shared corpus", db: shared, questions: await count(shared), passes: 3, runs: 3 });
  }
  if (!ONLY.includes("scale")) return { sizes: out, missing: "not asked for (WQ_BENCH_SEARCH_SIZES)" };
  if (!existsSync(SCALE_DB)) return { sizes: out, missing: `no scale database at ${SCALE_DB} (set WQ_BENCH_SCALE_DB)` };
  out.push({ name: "scale", db: SCALE_DB, questions: await count(SCALE_DB), passes: 1, runs: 2 });
  return { sizes: out, missing: null };
}

const pair = (values: number[]): string => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`;
const n = (x: number): string => x.toLocaleString("en-GB");

interface Measured {
  size: Size;
  cold: number | null;
  snapshotMB: number;
  batch: BatchRun[];
  /** The echo process over the same pipe, the same queries. */
  pipe: BatchRun;
  thread: z.infer<typeof OpenResult>;
  worker: z.infer<typeof OpenResult>;
  fts: z.infer<typeof FtsResult>;
}

async function measure(size: Size, cli: string, log: (s: string) => void): Promise<Measured> {
  const queries = benchQueries();
  const snapshot = `${size.db}.index`;
  // The shared corpus is rebuilt every run (seconds); the scale snapshot only when missing (minutes).
  if (size.name === "shared corpus") rmSync(snapshot, { force: true });
  let cold: number | null = null;
  if (!existsSync(snapshot)) {
    log(`${size.name}: building the index and its snapshot`);
    cold = (await batchRun(cli, size.db, ["xinjiang"])).ready;
  }
  const snapshotMB = statSync(snapshot).size / 1e6;
  const batch: BatchRun[] = [];
  const oneRun = [...queries, ...Array.from({ length: size.passes }, () => queries).flat()];
  for (let r = 0; r < size.runs; r++) {
    log(`${size.name}: wq search --batch run ${r + 1} of ${size.runs}`);
    // The first pass's latencies are the warm-up: dropped below.
    batch.push(await batchRun(cli, size.db, ["xinjiang", ...oneRun]));
  }
  log(`${size.name}: the pipe alone (a process answering at once)`);
  const pipe = await batchRun(cli, size.db, ["xinjiang", ...oneRun], ["-e", ECHO]);
  log(`${size.name}: index and command in this thread`);
  const thread = await child(OpenResult, "open", "thread", size.db, String(size.passes));
  log(`${size.name}: command through the search worker`);
  const worker = await child(OpenResult, "open", "worker", size.db, String(size.passes));
  log(`${size.name}: SQLite FTS5`);
  const fts = await child(FtsResult, "fts5", size.db, String(size.passes));
  return { size, cold, snapshotMB, batch, pipe, thread, worker, fts };
}

export async function benchSearch(log: (s: string) => void = (s) => process.stderr.write(s + "\n")): Promise<BenchSection[]> {
  const { sizes: list, missing } = await sizes();
  log("compiling src/ for the wq search --batch runs");
  const cli = await compiledCli();
  const results: Measured[] = [];
  for (const size of list) results.push(await measure(size, cli, log));
  const queries = benchQueries().length;
  const timedBatch = (m: Measured): number[] => m.batch.flatMap((b) => b.latencies.slice(queries));
  const columns = ["measure", ...results.map((m) => `${m.size.name} (${n(m.size.questions)})`)];
  const row = (measure: string, value: (m: Measured) => string | number): Record<string, string | number> =>
    Object.fromEntries([["measure", measure], ...results.map((m, i) => [columns[i + 1]!, value(m)])]);
  return [
    {
      title: "Search at both sizes",
      columns,
      rows: [
        row("index snapshot file, MB", (m) => m.snapshotMB.toFixed(0)),
        row("first start with no snapshot: build, save, first answer, s", (m) => (m.cold === null ? "built earlier" : m.cold.toFixed(1))),
        row("`wq search --batch`: ready from the snapshot (start to first answer), s, median", (m) => median(m.batch.map((b) => b.ready)).toFixed(2)),
        row("`wq search --batch`: per query p50 / p99 ms", (m) => pair(timedBatch(m))),
        row("`wq search --batch`: slowest query, ms", (m) => ms(Math.max(...timedBatch(m)))),
        row("`wq search --batch`: peak RSS, MB", (m) => Math.max(...m.batch.map((b) => b.peakRssMB)).toFixed(0)),
        row("reference: the pipe alone (a process answering each line at once): p50 / p99 ms", (m) => pair(m.pipe.latencies.slice(queries))),
        row("index alone, in this thread: p50 / p99 ms", (m) => pair(m.thread.indexMs)),
        row("/wq search command (parse, search, cards), in this thread: p50 / p99 ms", (m) => pair(m.thread.commandMs)),
        row("/wq search command through the search worker: p50 / p99 ms", (m) => pair(m.worker.commandMs)),
        row("bot-style process (index in the worker): open from the snapshot, s / peak RSS, MB", (m) => `${m.worker.openSeconds.toFixed(1)} / ${m.worker.maxRssMB.toFixed(0)}`),
        row("SQLite FTS5 reference: p50 / p99 ms", (m) => pair(m.fts.ms)),
        row("SQLite FTS5 reference: slowest query, ms", (m) => ms(Math.max(...m.fts.ms))),
        row("SQLite FTS5 reference: build s / file MB / peak RSS MB", (m) => `${m.fts.seconds ? m.fts.seconds.toFixed(0) : "built earlier"} / ${m.fts.sizeMB.toFixed(0)} / ${m.fts.maxRssMB.toFixed(0)}`),
      ],
      note:
        `${queries} fixed queries (bench/queries.ts: common and rare words, multi-word, phrases, exclusions, OR, department, date, status and member filters), first page of 5. ` +
        `\`wq search --batch\` is the compiled CLI (src/ built with tsc, as a deployment runs it), fed one query at a time over a pipe, its answer (records read, snippets made) timed from write to read; the pipe reference is a Node process answering each of the same lines at once with a line as long as a page of results, the same way (the round trip of two processes waking each other, which no search can go under); ` +
        results.map((m) => `${m.size.name}: ${m.size.runs} processes of 1 warm-up and ${m.size.passes} timed pass${m.size.passes > 1 ? "es" : ""}`).join("; ") +
        `. Peak RSS is the process's VmHWM. The index and command rows run in a process of their own (through tsx) with the same passes. ` +
        `FTS5: porter unicode61 over heading, question and answer (bm25 weights 4, 2, 1), the same parsed queries as MATCH with SQL filters, page and total. ` +
        (missing ? `Scale column missing: ${missing}.` : `The scale database holds the generated 815,000-question corpus (../shared/tools/scale-corpus.mjs).`),
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { markdown } = await import("./table.ts");
  for (const s of await benchSearch()) console.log(markdown(s) + "\n");
}
