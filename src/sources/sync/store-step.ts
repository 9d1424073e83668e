/**
 * Step 3, store: the step's questions, complete where a detail came, upserted (one refused record
 * costs only itself), counted, and passed on to whoever listens (the search index, alerts).
 */
import type { Question } from "../../model/question.ts";
import type { Store } from "../../store/store.ts";
import type { SyncLogger } from "../api-client.ts";
import { upsertIsolated } from "../upsert-isolated.ts";
import type { Listed } from "./list.ts";
import type { SyncTally } from "./tally.ts";
import type { SyncOptions } from "./types.ts";

interface StoreDeps {
  store: Store;
  logger: SyncLogger;
  tally: SyncTally;
  onChanged: SyncOptions["onChanged"];
}

export async function storeStep(
  listed: readonly Listed[],
  complete: ReadonlyMap<number, Question>,
  held: ReadonlyMap<string, Question>,
  { store, logger, tally, onChanged }: StoreDeps,
): Promise<void> {
  tally.progress.phase = "store";
  tally.report();
  const questions = listed.map(({ value, question }) => complete.get(value.id) ?? question);
  const result = await upsertIsolated(store, questions, (q, why) => tally.skip({ id: q.apiId, reason: `not stored: ${why}` }));
  tally.stored(questions, result.changedIds, new Set(held.keys()));
  if (onChanged && result.changedIds.length) {
    // The store has them; a failing listener (the search index) must not stop the sync.
    try {
      await onChanged(await store.getQuestions(result.changedIds));
    } catch (error) {
      logger.error(`sync: passing ${result.changedIds.length} changed questions on failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
