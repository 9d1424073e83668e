/**
 * Sync throughput against the loopback fake of the Written Questions API: questions per second for
 * a two-week backfill (list pages, a detail for every cut text, SQLite upserts), at one request at
 * a time and at the default four, with no rate limit. The fake serves ../shared/corpus, or the
 * small fixtures when the corpus is absent. Run alone with `npx tsx bench/sync.ts`; bench/run.ts
 * imports `benchSync`.
 */
import { performance } from "node:perf_hooks";
import { runSync, type SyncSummary } from "../src/sources/sync.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { CORPUS_DIR, FIXTURES_DIR, FakeData, corpusAvailable } from "../test/fakes/parliament/data.ts";
import { startFakeParliament } from "../test/fakes/parliament/server.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

export async function benchSync(runs = 3): Promise<BenchSection> {
  const corpus = corpusAvailable();
  const data = new FakeData(corpus ? CORPUS_DIR : FIXTURES_DIR);
  const window = corpus ? { since: "2024-08-01", until: "2024-08-14" } : { since: "2026-04-01", until: "2026-05-31" };
  // Read every detail file now, so the first timed run does not pay for it.
  data.detail(-1, window.since);
  const fake = await startFakeParliament({ data });
  const rows: BenchSection["rows"] = [];
  try {
    for (const concurrency of [1, 4]) {
      const rates: number[] = [];
      const seconds: number[] = [];
      let last: SyncSummary | null = null;
      for (let i = 0; i < runs; i++) {
        const store = new SqliteStore(":memory:");
        const t = performance.now();
        last = await runSync({
          store,
          apiUrl: fake.url,
          ...window,
          now: () => new Date(`${window.until}T20:00:00Z`),
          concurrency,
          requestsPerSecond: 0,
        });
        const s = (performance.now() - t) / 1000;
        seconds.push(s);
        rates.push(last.listed / s);
        await store.close();
      }
      rows.push({
        concurrency,
        questions: last?.listed ?? 0,
        requests: last?.requests ?? 0,
        "median s": median(seconds).toFixed(2),
        "questions/s": median(rates).toFixed(0),
        "requests/s": ((last?.requests ?? 0) / median(seconds)).toFixed(0),
      });
    }
  } finally {
    await fake.close();
  }
  return {
    title: "Sync throughput (loopback fake API)",
    columns: ["concurrency", "questions", "requests", "median s", "questions/s", "requests/s"],
    rows,
    note: `Median of ${runs} syncs of ${window.since}..${window.until} from ${corpus ? "the corpus" : "the small fixtures (no corpus found)"} served by the loopback fake in the same process, into an in-memory SQLite store, with no rate limit; against the real API the polite rate (WQ_API_RATE, 8 a second) bounds it instead.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await benchSync();
  console.log(section.title);
  console.log(`  ${section.columns.join(" | ")}`);
  for (const row of section.rows) console.log(`  ${section.columns.map((c) => row[c]).join(" | ")}`);
  console.log(section.note);
}
