import { z } from "zod";
import { officialUrl, type Member, type Question } from "../../model/question.ts";
import { htmlToText, tidy } from "./html-to-text.ts";
import type { MemberDirectory } from "./members.ts";

const ApiDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "an API date");

const ApiMemberSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  listAs: z.string().nullish(),
  party: z.string().nullish(),
  memberFrom: z.string().nullish(),
});

/** The `value` of one written question as the official API sends it (list or detail). */
export const ApiQuestionSchema = z.object({
  id: z.number().int(),
  uin: z.string().min(1),
  house: z.enum(["Commons", "Lords", "Bicameral"]),
  heading: z.string().nullish(),
  dateTabled: ApiDate,
  dateForAnswer: ApiDate.nullish(),
  dateAnswered: ApiDate.nullish(),
  answeringBodyId: z.number().int().nullish(),
  answeringBodyName: z.string().nullish(),
  askingMemberId: z.number().int().nullish(),
  askingMember: ApiMemberSchema.nullish(),
  answeringMemberId: z.number().int().nullish(),
  answeringMember: ApiMemberSchema.nullish(),
  questionText: z.string().nullish(),
  answerText: z.string().nullish(),
  originalAnswerText: z.string().nullish(),
  answerIsHolding: z.boolean().nullish(),
  dateHoldingAnswer: ApiDate.nullish(),
  answerIsCorrection: z.boolean().nullish(),
  dateAnswerCorrected: ApiDate.nullish(),
  isWithdrawn: z.boolean().nullish(),
  isNamedDay: z.boolean().nullish(),
  memberHasInterest: z.boolean().nullish(),
  groupedQuestions: z.array(z.string()).nullish(),
  groupedQuestionsDates: z
    .array(z.object({ questionUin: z.string(), dateTabled: ApiDate.nullish() }))
    .nullish(),
  attachments: z
    .array(
      z.object({
        url: z.string(),
        title: z.string().nullish(),
        fileType: z.string().nullish(),
        fileSizeBytes: z.number().nullish(),
      }),
    )
    .nullish(),
});
export type ApiQuestion = z.infer<typeof ApiQuestionSchema>;

/** `{value, links}` as list results and single-item responses wrap a question. */
export const ApiItemSchema = z.object({ value: z.unknown() });
export const ApiListSchema = z.object({ totalResults: z.number().int(), results: z.array(z.unknown()) });

/** A line of a detail dump: the detail endpoint's full texts for one id. */
export const DetailLineSchema = z.object({
  id: z.number().int(),
  questionText: z.string().nullish(),
  answerText: z.string().nullish(),
});
export type DetailTexts = z.infer<typeof DetailLineSchema>;

const LIST_QUESTION_CUT = 255;

/**
 * Whether the list endpoint cut this item's texts: it cuts the question at 255 characters with no
 * marker, and the answer (HTML stripped) at 255 plus "...". Only the detail endpoint has them whole.
 */
export function isTruncated(value: Pick<ApiQuestion, "questionText" | "answerText">): boolean {
  const q = value.questionText ?? "";
  const a = value.answerText ?? "";
  return q.length >= LIST_QUESTION_CUT || (a.length >= LIST_QUESTION_CUT && a.endsWith("..."));
}

const day = (d: string | null | undefined): string | null => (d ? d.slice(0, 10) : null);

/** NUL never belongs in a question, and PostgreSQL refuses it in a text column: one record must not stop a batch. */
const clean = (s: string): string => (s.includes("\u0000") ? s.replaceAll("\u0000", "") : s);

function member(
  id: number | null | undefined,
  expanded: z.infer<typeof ApiMemberSchema> | null | undefined,
  members: MemberDirectory | undefined,
): Member | null {
  if (expanded) {
    const known = members?.get(expanded.id);
    const name = expanded.name ?? expanded.listAs ?? known?.name ?? "";
    const party = expanded.party ?? known?.party ?? null;
    const from = expanded.memberFrom ?? known?.memberFrom ?? null;
    return { id: expanded.id, name: clean(name), party: party === null ? null : clean(party), memberFrom: from === null ? null : clean(from) };
  }
  if (id === null || id === undefined || id === 0) return null;
  return members?.get(id) ?? { id, name: "", party: null, memberFrom: null };
}

function looksLikeHtml(text: string): boolean {
  return /<\/?(p|br|table|ul|ol|li|a|strong|em|div|span)\b/i.test(text);
}

/** Answer text in either form the API uses (HTML in detail, plain in list) as readable text. */
function answerTexts(raw: string | null | undefined): { text: string | null; html: string | null } {
  if (!raw || !raw.trim()) return { text: null, html: null };
  if (looksLikeHtml(raw)) return { text: htmlToText(raw), html: raw };
  return { text: tidy(raw), html: null };
}

/** One API question as wq's record. Texts count as complete unless the list truncated them. */
export function apiValueToQuestion(value: ApiQuestion, members?: MemberDirectory): Question {
  const dateTabled = value.dateTabled.slice(0, 10);
  const answer = answerTexts(value.answerText);
  const original = answerTexts(value.originalAnswerText);
  const groupedDates = new Map((value.groupedQuestionsDates ?? []).map((g) => [g.questionUin, day(g.dateTabled)]));
  return {
    id: String(value.id),
    apiId: value.id,
    uin: clean(value.uin),
    house: value.house,
    heading: clean(value.heading?.trim() ?? ""),
    dateTabled,
    dateForAnswer: day(value.dateForAnswer),
    dateAnswered: day(value.dateAnswered),
    answeringBody: { id: value.answeringBodyId ?? null, name: clean(value.answeringBodyName ?? "") },
    askingMember: member(value.askingMemberId, value.askingMember, members),
    answeringMember: member(value.answeringMemberId, value.answeringMember, members),
    questionText: tidy(value.questionText ?? ""),
    answerText: answer.text,
    answerHtml: answer.html,
    isHolding: value.answerIsHolding ?? false,
    dateHoldingAnswer: day(value.dateHoldingAnswer),
    isCorrection: value.answerIsCorrection ?? false,
    dateAnswerCorrected: day(value.dateAnswerCorrected),
    originalAnswerText: original.text,
    isWithdrawn: value.isWithdrawn ?? false,
    isNamedDay: value.isNamedDay ?? false,
    memberHasInterest: value.memberHasInterest ?? false,
    groupedQuestions: (value.groupedQuestions ?? []).map((uin) => ({ uin: clean(uin), dateTabled: groupedDates.get(uin) ?? null })),
    attachments: (value.attachments ?? []).map((a) => ({
      url: clean(a.url),
      title: a.title == null ? null : clean(a.title),
      fileType: a.fileType == null ? null : clean(a.fileType),
      fileSizeBytes: a.fileSizeBytes ?? null,
    })),
    url: officialUrl(dateTabled, clean(value.uin)),
    source: "api",
    textComplete: !isTruncated(value),
  };
}

/** The detail endpoint's full texts laid over a record built from a (truncated) list item. */
export function applyDetailTexts(question: Question, detail: Pick<DetailTexts, "questionText" | "answerText">): Question {
  const answer = answerTexts(detail.answerText);
  return {
    ...question,
    questionText: detail.questionText ? tidy(detail.questionText) : question.questionText,
    answerText: answer.text ?? question.answerText,
    answerHtml: answer.html ?? question.answerHtml,
    textComplete: true,
  };
}

/** Members named (and placed) from a directory where the record carries only their ids. */
export function fillMemberNames(question: Question, members: MemberDirectory): Question {
  const fill = (m: Member | null): Member | null => {
    if (!m || m.id === null) return m;
    const known = members.get(m.id);
    if (!known) return m;
    if (m.name === "") return known;
    return m.memberFrom == null && known.memberFrom != null ? { ...m, memberFrom: known.memberFrom } : m;
  };
  return { ...question, askingMember: fill(question.askingMember), answeringMember: fill(question.answeringMember) };
}
