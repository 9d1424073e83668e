import type { Question } from "../model/question.ts";
import type { Store, UpsertSummary } from "../store/store.ts";

/**
 * Writes a batch in one transaction; if the store refuses it (a value one database rejects, a
 * constraint), writes the records one by one, so that the one it refuses is named and left out
 * and the rest are stored. A store that is down fails every record alike: then the error stands.
 */
export async function upsertIsolated(
  store: Store,
  questions: readonly Question[],
  onRejected: (question: Question, reason: string) => void,
): Promise<UpsertSummary> {
  try {
    return await store.upsertQuestions(questions);
  } catch (batchError) {
    if (questions.length <= 1) {
      const q = questions[0];
      if (!q) throw batchError;
      onRejected(q, message(batchError));
      return { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    }
    const total: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    let refused = 0;
    let stored = 0;
    for (const q of questions) {
      // Ten refusals before any success: the store itself is failing, not a record.
      if (refused >= 10 && stored === 0) throw batchError;
      try {
        const r = await store.upsertQuestions([q]);
        total.inserted += r.inserted;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.changedIds.push(...r.changedIds);
        stored++;
      } catch (e) {
        refused++;
        onRejected(q, message(e));
      }
    }
    if (stored === 0) throw batchError;
    return total;
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
