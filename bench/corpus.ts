/**
 * The full corpus in a store, for benchmarks: imported once into a database file under the
 * system's temp folder and reused while it holds every question.
 */
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Core } from "../src/core/core.ts";
import { openCore } from "../src/core/open-core.ts";
import { importPaths } from "../src/core/readers/import.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { CORPUS_DIR, corpusPresent } from "../test/helpers/corpus.ts";
import { SEEDS_DIR } from "../test/helpers/core.ts";

export const CORPUS_QUESTIONS = 58_174; // the corpus and the seed
export const BENCH_DB = join(tmpdir(), "wq-bench-corpus.db");

/** The path of a database holding the whole corpus, importing it first if needed. */
export async function corpusDatabase(): Promise<string> {
  if (!corpusPresent) throw new Error(`the corpus is not at ${CORPUS_DIR}`);
  if (existsSync(BENCH_DB)) {
    const store = new SqliteStore(BENCH_DB);
    const n = await store.countQuestions();
    await store.close();
    if (n === CORPUS_QUESTIONS) return BENCH_DB;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(BENCH_DB + suffix, { force: true });
  }
  const store = new SqliteStore(BENCH_DB);
  await importPaths([CORPUS_DIR, SEEDS_DIR], store);
  await store.close();
  return BENCH_DB;
}

/** A core over the whole corpus (what the Slack and Discord benchmarks drive). */
export async function openCorpusCore(): Promise<{ core: Core; store: Store; close(): Promise<void> }> {
  const store = new SqliteStore(await corpusDatabase());
  const { core } = await openCore({ store });
  return { core, store, close: () => store.close() };
}
