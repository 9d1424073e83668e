import type { Store } from "../../store/store.ts";
import { SqliteStore } from "../../store/sqlite-store.ts";
import type { Question } from "../../model/question.ts";
import type { TextSource } from "./search-index.ts";
import { textsOf } from "./sqlite-texts.ts";

/** The text a phrase is checked against: one rule for every reader of texts. */
export function phraseText(q: Pick<Question, "heading" | "questionText" | "answerText"> & { answeringBody: { name: string } }): string {
  return [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n");
}

/**
 * Texts for phrase checks, read from the store: the index keeps none. A SQLite store is asked
 * for the four fields alone (see sqlite-texts.ts) on its own connection; any other store reads
 * whole questions.
 */
export function storeTexts(store: Store): TextSource {
  if (store instanceof SqliteStore) return textsOf(store.db);
  return async (ids) => {
    const questions = await store.getQuestions(ids);
    return new Map(questions.map((q) => [q.id, phraseText(q)]));
  };
}
