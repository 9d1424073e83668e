/**
 * Search measurements that need a process of their own (peak memory is this work's alone):
 *   node --import tsx bench/search-child.ts open <thread|worker> <db> <passes>
 *     opens the core over the snapshot beside <db> (building and saving it when missing), then
 *     times every benchmark query through the index alone and through the /wq search command
 *   node --import tsx bench/search-child.ts fts5 <db> <passes>
 *     the same queries on SQLite FTS5 over the same questions (built once beside <db>)
 * Prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import { openCore } from "../src/core/open-core.ts";
import { parseQuery, QueryError } from "../src/core/search/query.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { ensureFts5, openFts5 } from "./fts5.ts";
import { benchQueries } from "./queries.ts";

const [task, ...args] = process.argv.slice(2);
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
const maxRssMB = (): number => mb(process.resourceUsage().maxRSS * 1024);

let stopped = 0;

async function timed(passes: number, run: (q: string) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  // The first pass warms the JIT and SQLite's page cache; the rest are timed.
  for (let pass = 0; pass <= passes; pass++) {
    for (const q of benchQueries()) {
      const t = performance.now();
      try {
        await run(q);
      } catch (e) {
        // A search stopped at its time budget is an answer too (a one-line refusal): timed, counted.
        if (!(e instanceof QueryError)) throw e;
        if (pass > 0) stopped++;
      }
      if (pass > 0) out.push(performance.now() - t);
    }
  }
  return out;
}

async function main(): Promise<Record<string, unknown>> {
  if (task === "open") {
    const [mode, db, passes] = args;
    const store = new SqliteStore(db!);
    const t = performance.now();
    const opened = await openCore({ store, indexCache: `${db}.index`, searchWorker: mode === "worker" });
    const openSeconds = (performance.now() - t) / 1000;
    const questions = await store.countQuestions();
    const indexMs = await timed(Number(passes), (q) => opened.index.search(parseQuery(q), 0, 5));
    const ctx = { platform: "cli" as const, userId: "bench" };
    const commandMs = await timed(Number(passes), (q) => opened.core.run(`search ${q}`, ctx));
    const rssMB = mb(process.memoryUsage().rss);
    await opened.close();
    await store.close();
    return { openSeconds, questions, size: opened.index.size, indexMs, commandMs, stopped, rssMB, maxRssMB: maxRssMB() };
  }
  if (task === "fts5") {
    const [db, passes] = args;
    const store = new SqliteStore(db!);
    const built = await ensureFts5(store, db!);
    await store.close();
    const fts = openFts5(db!);
    const ms = await timed(Number(passes), (q) => fts.search(parseQuery(q), 5));
    fts.close();
    return { ...built, ms, maxRssMB: maxRssMB() };
  }
  throw new Error(`unknown task ${task}`);
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e: unknown) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e) + "\n");
    process.exitCode = 1;
  },
);
