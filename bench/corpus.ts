/**
 * The full corpus in a store, for benchmarks: imported once into a database file under the
 * system's temp folder and reused while it holds every question.
 */
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Core } from "../src/core/core.ts";
import { openCore } from "../src/core/open-core.ts";
import { importPaths } from "../src/sources/readers/import.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { CORPUS_DIR, corpusPresent } from "../test/helpers/corpus.ts";
import { SEEDS_DIR } from "../test/helpers/core.ts";

/** Set when an import into the benchmark database finished, so a cut-short one is redone. */
const COMPLETE = "bench.corpus-imported";
export const BENCH_DB = join(tmpdir(), "wq-bench-corpus.db");

/** The path of a database holding the whole corpus, importing it first if needed. */
export async function corpusDatabase(): Promise<string> {
  if (!corpusPresent) throw new Error(`the corpus is not at ${CORPUS_DIR}`);
  if (existsSync(BENCH_DB)) {
    const store = new SqliteStore(BENCH_DB);
    const done = await store.getMeta(COMPLETE);
    await store.close();
    if (done) return BENCH_DB;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(BENCH_DB + suffix, { force: true });
  }
  const store = new SqliteStore(BENCH_DB);
  const summary = await importPaths([CORPUS_DIR, SEEDS_DIR], store);
  await store.setMeta(COMPLETE, JSON.stringify({ questions: summary.questionsRead, at: new Date().toISOString() }));
  await store.close();
  return BENCH_DB;
}

/**
 * A core over the whole corpus (what the Slack and Discord benchmarks drive), its index in the
 * search worker as the bot runs it, loaded from the benchmark database's snapshot when there is one.
 */
export async function openCorpusCore(): Promise<{ core: Core; store: Store; questions: number; label: string; close(): Promise<void> }> {
  const db = await corpusDatabase();
  const store = new SqliteStore(db);
  const opened = await openCore({ store, indexCache: `${db}.index` });
  const questions = await store.countQuestions();
  return {
    core: opened.core,
    store,
    questions,
    label: `the full corpus (${questions.toLocaleString("en-GB")} questions, index in the search worker)`,
    close: async () => {
      await opened.close();
      await store.close();
    },
  };
}
