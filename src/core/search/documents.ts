import { z } from "zod";
import { HouseSchema, statusOf, type Question } from "../../model/question.ts";
import { memoized } from "./memo.ts";
import { encode } from "./text.ts";
import { tokenLine } from "./token-index.ts";

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

export function metaOf(q: Question): DocMeta {
  return {
    id: q.id,
    uin: q.uin?.toUpperCase() ?? null,
    house: q.house,
    dateTabled: q.dateTabled,
    dateAnswered: q.dateAnswered,
    dateForAnswer: q.dateForAnswer,
    namedDay: q.isNamedDay,
    bodyId: q.answeringBody.id,
    asker: (q.askingMember?.name ?? "").toLowerCase(),
    answerer: (q.answeringMember?.name ?? "").toLowerCase(),
    status: statusOf(q),
  };
}

/**
 * Days and members recur across questions (a few thousand days, a few thousand members), but each
 * record read brings its own copy of each: kept once, building the index at 815,000 questions
 * peaked at 831 MB instead of 948. Done by the index as it takes a question, in its own thread: a
 * question's fields that crossed from another (the search worker's, during a build) are copies.
 * Loading a snapshot shares them already (its columns hold each value once).
 */
const MAX_SHARED = 100_000;
const shared = memoized((text) => text, MAX_SHARED);
const sharedOrNull = (text: string | null): string | null => (text === null ? null : shared(text));

/** `meta` with its days and names the ones this thread keeps (changed in place). */
export function sharingStrings(meta: DocMeta): DocMeta {
  meta.dateTabled = shared(meta.dateTabled);
  meta.dateAnswered = sharedOrNull(meta.dateAnswered);
  meta.dateForAnswer = sharedOrNull(meta.dateForAnswer);
  meta.asker = shared(meta.asker);
  meta.answerer = shared(meta.answerer);
  return meta;
}

/** The date a question is "new" by: its answer (or correction), else when it was tabled. */
export function recency(m: DocMeta): string {
  return m.dateAnswered ?? m.dateTabled;
}

/** The texts a question's tokens come from: heading, question, and the rest (see fieldTexts). */
export type FieldTexts = readonly [heading: string, question: string, rest: string];

/**
 * A question's texts by field. The rest (answer, department, members' names) goes last, so words
 * in different fields still meet, and each token counts in the first field it stands in.
 */
export function fieldTexts(q: Question): FieldTexts {
  const rest = [q.answerText ?? "", q.answeringBody.name, q.askingMember?.name ?? "", q.answeringMember?.name ?? ""].join("\n");
  return [q.heading, q.questionText, rest];
}

/** The index tokens of a question's texts, as the index takes them (token-index.ts tokenLine). */
export function encodeFields([heading, question, rest]: FieldTexts): string {
  return tokenLine({ heading: encode(heading), question: encode(question), rest: encode(rest) });
}

/**
 * A question as the index holds it: its filter fields and its tokens. Encoding is most of what
 * indexing costs, so a build has it done in other threads (encoder-pool.ts) and hands these over.
 */
export interface IndexDoc {
  meta: DocMeta;
  tokens: string;
}

export function indexDoc(q: Question): IndexDoc {
  return { meta: metaOf(q), tokens: encodeFields(fieldTexts(q)) };
}
