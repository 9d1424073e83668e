/**
 * Measurements that need a process of their own, so that peak memory and heap are this work's
 * alone. `node --expose-gc --import tsx bench/child.ts <task> <db> [paths...]` prints one JSON line
 * (import reads the given paths, the shared corpus and the seeds by default).
 */
import { performance } from "node:perf_hooks";
import { buildIndex } from "../src/core/open-core.ts";
import { importPaths } from "../src/sources/readers/import.ts";
import { parseQuery } from "../src/core/search/query.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { CORPUS_DIR } from "../test/helpers/corpus.ts";
import { SEEDS_DIR } from "../test/helpers/core.ts";
import { benchQueries } from "./queries.ts";

const [task, db, ...paths] = process.argv.slice(2);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

async function main(): Promise<Record<string, unknown>> {
  if (task === "import") {
    const store = new SqliteStore(db!);
    const t = performance.now();
    const summary = await importPaths(paths.length ? paths : [CORPUS_DIR, SEEDS_DIR], store);
    const seconds = (performance.now() - t) / 1000;
    await store.close();
    return { seconds, questions: summary.questionsRead, details: summary.detailsMerged, files: summary.files, maxRssMB: mb(process.resourceUsage().maxRSS * 1024) };
  }
  if (task === "index") {
    const store = new SqliteStore(db!);
    // Heap plus memory held outside it (typed arrays, buffers): the index's whole footprint.
    const held = (): number => process.memoryUsage().heapUsed + process.memoryUsage().external;
    gc();
    const before = held();
    const t = performance.now();
    const index = await buildIndex(store);
    const seconds = (performance.now() - t) / 1000;
    gc();
    const heapMB = mb(held() - before);
    const latencies: number[] = [];
    const queries = benchQueries();
    // One warm-up pass (JIT, SQLite page cache), then three timed passes.
    for (let pass = 0; pass < 4; pass++) {
      for (const q of queries) {
        const parsed = parseQuery(q);
        const t0 = performance.now();
        const result = await index.search(parsed, 0, 5);
        await store.getQuestions(result.hits.map((h) => h.id));
        if (pass > 0) latencies.push(performance.now() - t0);
      }
    }
    await store.close();
    return { seconds, heapMB, rssMB: mb(process.memoryUsage().rss), size: index.size, queries: queries.length, latencies };
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
