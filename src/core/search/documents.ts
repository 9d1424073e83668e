import { z } from "zod";
import { HouseSchema, statusOf, type Question } from "../../model/question.ts";
import { memoized } from "./memo.ts";
import { encode } from "./text.ts";
import type { FieldTokens } from "./token-index.ts";

/** What filters and sorting need of a question, kept in memory for every indexed one. */
export const DocMetaSchema = z.object({
  id: z.string(),
  uin: z.string().nullable(),
  house: HouseSchema,
  dateTabled: z.string(),
  dateAnswered: z.string().nullable(),
  dateForAnswer: z.string().nullable(),
  namedDay: z.boolean(),
  bodyId: z.number().nullable(),
  asker: z.string(),
  answerer: z.string(),
  status: z.enum(["answered", "unanswered", "holding", "corrected", "withdrawn"]),
});
export type DocMeta = z.infer<typeof DocMetaSchema>;

/**
 * Days and members recur across questions (a few thousand days, a few thousand members), but each
 * record read brings its own copy of each: kept once, building the index at 815,000 questions
 * peaked at 831 MB instead of 948. Loading a snapshot shares them already (its columns hold each
 * value once).
 */
const MAX_SHARED = 100_000;
const shared = memoized((text) => text, MAX_SHARED);
const sharedOrNull = (text: string | null): string | null => (text === null ? null : shared(text));
const lowerName = memoized((name) => name.toLowerCase(), MAX_SHARED);

export function metaOf(q: Question): DocMeta {
  return {
    id: q.id,
    uin: q.uin?.toUpperCase() ?? null,
    house: q.house,
    dateTabled: shared(q.dateTabled),
    dateAnswered: sharedOrNull(q.dateAnswered),
    dateForAnswer: sharedOrNull(q.dateForAnswer),
    namedDay: q.isNamedDay,
    bodyId: q.answeringBody.id,
    asker: lowerName(q.askingMember?.name ?? ""),
    answerer: lowerName(q.answeringMember?.name ?? ""),
    status: statusOf(q),
  };
}

/** The date a question is "new" by: its answer (or correction), else when it was tabled. */
export function recency(m: DocMeta): string {
  return m.dateAnswered ?? m.dateTabled;
}

/**
 * A question's index tokens by field. The rest (answer, department, members' names) goes last,
 * so words in different fields still meet, and each token counts in the first field it stands in.
 */
export function fieldTokens(q: Question): FieldTokens {
  const rest = [q.answerText ?? "", q.answeringBody.name, q.askingMember?.name ?? "", q.answeringMember?.name ?? ""].join("\n");
  return { heading: encode(q.heading), question: encode(q.questionText), rest: encode(rest) };
}
