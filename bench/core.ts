/**
 * The core over the whole corpus: import time and peak memory, index build time and memory, and
 * query latency over 220 fixed realistic queries. Each measurement runs in a fresh process.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { compiledCli } from "./compiled.ts";
import { corpusDatabase } from "./corpus.ts";
import { runMeasured } from "./proc.ts";
import type { BenchSection } from "./section.ts";
import { median, ms, percentile } from "./stats.ts";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

async function child<T extends z.ZodType>(schema: T, ...args: string[]): Promise<z.infer<T>> {
  const { stdout } = await run(process.execPath, ["--expose-gc", "--import", "tsx", CHILD, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return schema.parse(JSON.parse(stdout.trim().split("\n").pop()!));
}

const ImportResult = z.object({ seconds: z.number(), questions: z.number(), details: z.number(), files: z.number(), maxRssMB: z.number() });
const IndexResult = z.object({
  seconds: z.number(), heapMB: z.number(), rssMB: z.number(), size: z.number(), queries: z.number(), latencies: z.array(z.number()),
});

export async function benchCore(runs = 3): Promise<BenchSection[]> {
  const imports: Array<z.infer<typeof ImportResult>> = [];
  for (let i = 0; i < runs; i++) imports.push(await child(ImportResult, "import", join(mkdtempSync(join(tmpdir(), "wq-bench-")), "wq.db")));
  const db = await corpusDatabase();
  const builds: Array<z.infer<typeof IndexResult>> = [];
  for (let i = 0; i < runs; i++) builds.push(await child(IndexResult, "index", db));
  const latencies = builds.flatMap((b) => b.latencies);
  return [
    {
      title: "Import and index (whole corpus)",
      columns: ["measure", "median", "range"],
      rows: [
        { measure: `import (${imports[0]!.questions.toLocaleString("en-GB")} questions read from ${imports[0]!.files} files, ${imports[0]!.details.toLocaleString("en-GB")} full texts merged), s`, median: median(imports.map((r) => r.seconds)).toFixed(1), range: range(imports.map((r) => r.seconds), 1) },
        { measure: "import peak memory (max RSS), MB", median: median(imports.map((r) => r.maxRssMB)).toFixed(0), range: range(imports.map((r) => r.maxRssMB), 0) },
        { measure: "index build from the store, s", median: median(builds.map((r) => r.seconds)).toFixed(1), range: range(builds.map((r) => r.seconds), 1) },
        { measure: "index memory (heap and external after GC), MB", median: median(builds.map((r) => r.heapMB)).toFixed(0), range: range(builds.map((r) => r.heapMB), 0) },
        { measure: "process RSS with the index built, MB", median: median(builds.map((r) => r.rssMB)).toFixed(0), range: range(builds.map((r) => r.rssMB), 0) },
      ],
      note: `${runs} runs each, every one in a fresh process (node --expose-gc).`,
    },
    {
      title: `Search latency, index built from the store (${builds[0]!.size.toLocaleString("en-GB")} questions)`,
      columns: ["queries", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      rows: [
        {
          queries: `${builds[0]!.queries} × ${latencies.length / builds[0]!.queries}`,
          "p50 ms": ms(percentile(latencies, 50)),
          "p95 ms": ms(percentile(latencies, 95)),
          "p99 ms": ms(percentile(latencies, 99)),
          "max ms": ms(Math.max(...latencies)),
        },
      ],
      note: `${builds[0]!.queries} fixed queries (bench/queries.ts: words, phrases, exclusions, OR, filters, mixes), first page of 5 with records read from the store; one warm-up pass, then 3 timed passes in each of the index processes.`,
    },
  ];
}

function range(values: number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/** The scale corpus as API files: `node ../shared/tools/scale-corpus.mjs DIR` (about 815,000 questions). */
const SCALE_CORPUS = process.env["WQ_BENCH_SCALE_CORPUS"] ?? fileURLToPath(new URL("../../scale-corpus", import.meta.url));

interface ScaleImport {
  seconds: number;
  /** Until it says it is refreshing the index: files read, questions checked and stored. */
  importSeconds: number;
  peakMB: number;
  questions: number;
  files: number;
}

/** `wq import DIR --db DB` as a user runs it: the compiled command line, one process, the index built and saved after. */
async function scaleImport(cli: string, db: string): Promise<ScaleImport> {
  let importSeconds = NaN;
  const t = performance.now();
  // Minutes long, so polling its peak every tenth of a second misses nothing that lasts.
  const run = await runMeasured([cli, "import", SCALE_CORPUS, "--db", db], {
    pollMs: 100,
    onStderrLine: (line) => {
      if (line.startsWith("Refreshing the search index")) importSeconds = (performance.now() - t) / 1000;
    },
  });
  const done = /Imported (\d+) questions from (\d+) files/.exec(run.stdout);
  if (run.code !== 0 || !done || Number.isNaN(importSeconds)) throw new Error(`wq import exited ${run.code}: ${run.stdout.slice(0, 300)}`);
  return { seconds: run.seconds, importSeconds, peakMB: run.peakMB, questions: Number(done[1]), files: Number(done[2]) };
}

/** `wq import` of the full-history workload into a fresh database, as a user runs it. */
export async function benchScaleImport(runs = 1): Promise<BenchSection[]> {
  if (!existsSync(SCALE_CORPUS)) {
    process.stdout.write(`Scale import skipped: no scale corpus at ${SCALE_CORPUS} (set WQ_BENCH_SCALE_CORPUS).\n\n`);
    return [];
  }
  const cli = await compiledCli();
  const imports: ScaleImport[] = [];
  for (let i = 0; i < runs; i++) {
    const db = join(mkdtempSync(join(tmpdir(), "wq-bench-scale-")), "wq.db");
    try {
      imports.push(await scaleImport(cli, db));
    } finally {
      rmSync(dirname(db), { recursive: true, force: true });
    }
  }
  const first = imports[0]!;
  const row = (measure: string, values: number[], digits = 0): Record<string, string> => ({ measure, median: median(values).toFixed(digits), range: range(values, digits) });
  return [
    {
      title: `Import at full-history size (${first.questions.toLocaleString("en-GB")} questions)`,
      columns: ["measure", "median", "range"],
      rows: [
        row(`\`wq import\`, the whole command (${first.questions.toLocaleString("en-GB")} questions from ${first.files} files, then the index built and saved), s`, imports.map((r) => r.seconds)),
        row("of which reading, checking and storing the questions, s", imports.map((r) => r.importSeconds)),
        row("of which building the search index and saving its snapshot, s", imports.map((r) => r.seconds - r.importSeconds)),
        row("peak memory of the command (max RSS), MB", imports.map((r) => r.peakMB)),
      ],
      note: `${runs} run${runs === 1 ? "" : "s"} of \`wq import\` over the scale corpus (../shared/tools/scale-corpus.mjs, N=14) into a new SQLite database: the compiled command line (bin/wq.mjs over dist/) in one process, as a user runs it; the index is built from the store and its snapshot saved before it exits (what a first start with no snapshot also does). Peak RSS is the process's VmHWM, read every 100 ms.`,
    },
  ];
}
