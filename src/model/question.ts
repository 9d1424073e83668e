import { z } from "zod";

/**
 * A member as wq shows them: the API's Members id where known, the name, the latest known party,
 * and `memberFrom`: the constituency of an MP, the kind of peerage of a Lord ("Life peer").
 * Optional so that records stored before it was kept still parse.
 */
export const MemberSchema = z.object({
  id: z.number().int().nullable(),
  name: z.string(),
  party: z.string().nullable(),
  memberFrom: z.string().nullish(),
});
export type Member = z.infer<typeof MemberSchema>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const HouseSchema = z.enum(["Commons", "Lords", "Bicameral"]);
export type House = z.infer<typeof HouseSchema>;

export const AttachmentSchema = z.object({
  url: z.string(),
  title: z.string().nullable(),
  fileType: z.string().nullable(),
  fileSizeBytes: z.number().nullable(),
});

export const GroupedQuestionSchema = z.object({ uin: z.string(), dateTabled: Day.nullable() });

/**
 * One written question as wq stores it. Modelled on the official API's record, with dates cut to
 * days (the API sends UK dates with a midnight time and no zone) and the answer kept both as the
 * source HTML and as readable text.
 */
export const QuestionSchema = z.object({
  /** The API id as a string, or `seed-<hash>` for a page that carries no API id. */
  id: z.string().min(1),
  apiId: z.number().int().nullable(),
  /** Null for a page that did not print its UIN (the seed). */
  uin: z.string().min(1).nullable(),
  house: HouseSchema,
  heading: z.string(),
  dateTabled: Day,
  dateForAnswer: Day.nullable(),
  dateAnswered: Day.nullable(),
  answeringBody: z.object({ id: z.number().int().nullable(), name: z.string() }),
  askingMember: MemberSchema.nullable(),
  answeringMember: MemberSchema.nullable(),
  questionText: z.string(),
  answerText: z.string().nullable(),
  answerHtml: z.string().nullable(),
  isHolding: z.boolean(),
  dateHoldingAnswer: Day.nullable(),
  isCorrection: z.boolean(),
  dateAnswerCorrected: Day.nullable(),
  /** The answer as first given, kept when a correction replaces it. */
  originalAnswerText: z.string().nullable(),
  isWithdrawn: z.boolean(),
  isNamedDay: z.boolean(),
  /**
   * The asker declared a relevant interest (the API's `memberHasInterest`; Parliament prints [R]).
   * Optional so that records stored before it was kept still parse; absent reads as false.
   */
  memberHasInterest: z.boolean().optional(),
  groupedQuestions: z.array(GroupedQuestionSchema),
  attachments: z.array(AttachmentSchema),
  url: z.string(),
  source: z.enum(["api", "seed"]),
  /** False while the question or answer text is the list endpoint's truncated copy. */
  textComplete: z.boolean(),
});
export type Question = z.infer<typeof QuestionSchema>;

export type QuestionStatus = "answered" | "unanswered" | "holding" | "corrected" | "withdrawn";

/**
 * The one status rule. An answer that is held is never "unanswered", even when no answer date
 * came with it (a list snapshot said unanswered, the detail fetched later holds the answer).
 */
export function statusOf(
  q: Pick<Question, "isWithdrawn" | "isCorrection" | "isHolding" | "dateAnswered" | "answerText">,
): QuestionStatus {
  if (q.isWithdrawn) return "withdrawn";
  if (q.isCorrection) return "corrected";
  if (q.isHolding) return "holding";
  return q.dateAnswered || q.answerText ? "answered" : "unanswered";
}

/** Held as answered, but no source said when: cards say so rather than invent a date. */
export const answerDateUnknown = (q: Pick<Question, "isWithdrawn" | "dateAnswered" | "answerText">): boolean =>
  !q.isWithdrawn && !q.dateAnswered && Boolean(q.answerText);

const OFFICIAL_SITE = "https://questions-statements.parliament.uk/written-questions";

/** The question's page on the official site; without a UIN, the site's search for its heading. */
export function officialUrl(dateTabled: string, uin: string | null, heading = ""): string {
  if (uin) return `${OFFICIAL_SITE}/detail/${dateTabled}/${encodeURIComponent(uin)}`;
  return `${OFFICIAL_SITE}?SearchTerm=${encodeURIComponent(heading || dateTabled)}`;
}

/**
 * Orders two versions of one question: a later correction, then a later answer, then a
 * substantive answer over a holding one, then withdrawal. Equal versions compare 0; the store
 * keeps the higher one and, on a tie, whichever has the complete text.
 */
export function versionKey(q: Question): string {
  return [
    q.dateAnswerCorrected ?? "0000-00-00",
    q.dateAnswered ?? "0000-00-00",
    q.answerText ? (q.isHolding ? "1" : "2") : "0",
    q.isWithdrawn ? "1" : "0",
  ].join("|");
}
