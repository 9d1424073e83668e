import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import type { TextSource } from "./search-index.ts";

/** The text a phrase is checked against: one rule for every reader of texts. */
export function phraseText(q: Pick<Question, "heading" | "questionText" | "answerText"> & { answeringBody: { name: string } }): string {
  return [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n");
}

/** Texts for phrase checks, read from the store: the index keeps none. */
export function storeTexts(store: Store): TextSource {
  return async (ids) => {
    const questions = await store.getQuestions(ids);
    return new Map(questions.map((q) => [q.id, phraseText(q)]));
  };
}
