import { answerDateUnknown, statusOf, type Question } from "../../model/question.ts";
import { questionSummary, type Card, type Field } from "../../model/reply.ts";
import type { Snippet } from "../search/snippet.ts";

/** How much of an answer `show` gives before "Full answer": about a screen. */
export const EXCERPT_CHARS = 1500;

const STATUS_LABEL = {
  answered: "Answered",
  unanswered: "Awaiting answer",
  holding: "Holding answer",
  corrected: "Answer corrected",
  withdrawn: "Withdrawn",
} as const;

/** One formatter for every card: toLocaleDateString makes a new one per call (about 0.2 ms each, most of a search's answer time). */
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "15 June 2021" from 2021-06-15: how Parliament prints dates. */
export function longDate(day: string): string {
  return LONG_DATE.format(new Date(`${day}T00:00:00Z`));
}

function memberLine(m: Question["askingMember"]): string | null {
  if (!m || !m.name) return null;
  return m.party ? `${m.name} (${m.party})` : m.name;
}

function fieldsOf(q: Question): Field[] {
  const fields: Field[] = [{ label: "Department", value: q.answeringBody.name || "Unknown" }];
  const asker = memberLine(q.askingMember);
  if (asker) fields.push({ label: "Asked by", value: asker });
  const answerer = memberLine(q.answeringMember);
  if (answerer) fields.push({ label: "Answered by", value: answerer });
  fields.push({ label: "Tabled", value: longDate(q.dateTabled) });
  if (q.dateAnswered) fields.push({ label: q.isHolding ? "Holding answer" : "Answered", value: longDate(q.dateAnswered) });
  else if (answerDateUnknown(q)) fields.push({ label: q.isHolding ? "Holding answer" : "Answered", value: "date not published" });
  else if (q.dateForAnswer) fields.push({ label: "Due", value: longDate(q.dateForAnswer) });
  if (q.dateAnswerCorrected) fields.push({ label: "Corrected", value: longDate(q.dateAnswerCorrected) });
  fields.push({ label: "Status", value: STATUS_LABEL[statusOf(q)] });
  return fields;
}

function subtitleOf(q: Question): string {
  return [q.house, q.uin ? `UIN ${q.uin}` : null, `tabled ${q.dateTabled}`, q.dateAnswered ? `answered ${q.dateAnswered}` : answerDateUnknown(q) ? "answered (date not published)" : null]
    .filter(Boolean)
    .join(" · ");
}

/** Question and answer as one plain text, paragraphs apart, the original kept under a correction. */
export function fullText(q: Question): string {
  const parts = [q.questionText];
  if (q.answerText) {
    parts.push(q.isCorrection ? "Corrected answer:" : q.isHolding ? "Holding answer:" : "Answer:", q.answerText);
    if (q.isCorrection && q.originalAnswerText) parts.push("Original answer:", q.originalAnswerText);
  } else if (q.isWithdrawn) parts.push("This question was withdrawn.");
  else parts.push("Not answered yet.");
  if (q.attachments.length) parts.push("Attachments:\n" + q.attachments.map((a) => `- ${a.title ?? a.url}: ${a.url}`).join("\n"));
  return parts.join("\n\n");
}

/** Cuts at the last paragraph break before `max` (at a word when one paragraph is longer). */
export function cutAtParagraph(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const para = text.lastIndexOf("\n\n", max);
  if (para > max / 3) return { text: text.slice(0, para), cut: true };
  const space = text.lastIndexOf(" ", max - 1);
  return { text: text.slice(0, space > 0 ? space : max - 1) + "…", cut: true };
}

export function questionCard(q: Question, body: { snippet: Snippet } | { full: boolean }): Card {
  const base = {
    id: q.id,
    title: q.heading || "Written question",
    subtitle: subtitleOf(q),
    fields: fieldsOf(q),
    url: q.url,
    // What a card offers depends on where it is shown: the command adds its actions.
    actions: [],
    record: questionSummary(q),
  };
  if ("snippet" in body) return { ...base, body: body.snippet.text, markedRanges: body.snippet.marks, bodyIsExcerpt: true };
  const text = fullText(q);
  const shown = body.full ? { text, cut: false } : cutAtParagraph(text, EXCERPT_CHARS);
  return { ...base, body: shown.text, markedRanges: [], bodyIsExcerpt: shown.cut };
}
