import type { Store } from "../../store/store.ts";
import type { TextSource } from "./search-index.ts";

/** Texts for phrase checks, read from the store: the index keeps none. */
export function storeTexts(store: Store): TextSource {
  return async (ids) => {
    const questions = await store.getQuestions(ids);
    return new Map(questions.map((q) => [q.id, [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n")]));
  };
}
