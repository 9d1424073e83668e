import { answerDateUnknown, statusOf, type Question } from "../../model/question.ts";
import { questionSummary, type Card, type Field } from "../../model/reply.ts";
import { latenessOf } from "../lateness/lateness.ts";
import { londonDay } from "../../model/days.ts";
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

/** Days already written out: a page of cards repeats a few thousand distinct days at most, and formatting is not free. */
const longDates = new Map<string, string>();
const LONG_DATES_KEPT = 20_000;

/** "15 June 2021" from 2021-06-15: how Parliament prints dates. */
export function longDate(day: string): string {
  let text = longDates.get(day);
  if (text === undefined) {
    text = LONG_DATE.format(new Date(`${day}T00:00:00Z`));
    if (longDates.size >= LONG_DATES_KEPT) longDates.clear();
    longDates.set(day, text);
  }
  return text;
}

/** "Jim Shannon (Democratic Unionist Party, Strangford)": name, then party and where they sit for. */
export function memberLine(m: Question["askingMember"]): string | null {
  if (!m || !m.name) return null;
  const about = [m.party, m.memberFrom].filter(Boolean).join(", ");
  return about ? `${m.name} (${about})` : m.name;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * Where a question stands against its date for answer, as Parliament's trackers say it:
 * "Named day, due 22 July 2025, 5 working days late", "Due in 2 days (24 July 2025)",
 * "Due 22 July 2025, answered on time". Null without a date for answer, or once withdrawn.
 */
export function deadlineLine(q: Question, today: string): string | null {
  const lateness = latenessOf(q, today);
  if (!lateness || !q.dateForAnswer) return null;
  const due = longDate(q.dateForAnswer);
  const named = q.isNamedDay ? "Named day, d" : "D";
  switch (lateness.kind) {
    case "due":
      if (lateness.days === 0) return `${named}ue today (${due})`;
      if (lateness.days === 1) return `${named}ue tomorrow (${due})`;
      return `${named}ue in ${lateness.days} days (${due})`;
    case "late":
      // Past the date over a weekend or holiday: overdue, though no working day has gone by yet.
      return `${named}ue ${due}, ${lateness.workingDays ? `${plural(lateness.workingDays, "working day")} late` : "overdue"}`;
    case "answered":
      return `${named}ue ${due}, answered ${lateness.workingDaysLate ? `${plural(lateness.workingDaysLate, "working day")} late` : "on time"}`;
  }
}

/** "1.2 MB", "340 KB": sizes as people read them (1 KB = 1,000 bytes, as file browsers show). */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, "") : Math.round(value)} ${units[unit]}`;
}

/** Attachments listed on a card; the rest are counted. */
const ATTACHMENTS_LISTED = 5;

/** "Annex A: costs (PDF, 1.2 MB)", one attachment a line. */
export function attachmentLines(q: Pick<Question, "attachments">): string | null {
  if (!q.attachments.length) return null;
  const lines = q.attachments.slice(0, ATTACHMENTS_LISTED).map((a) => {
    const about = [a.fileType?.replace(/^\./, "").toUpperCase() || null, a.fileSizeBytes != null && a.fileSizeBytes >= 0 ? fileSize(a.fileSizeBytes) : null].filter(Boolean).join(", ");
    const title = a.title?.trim() || a.url.split("/").pop() || "Attachment";
    return about ? `${title} (${about})` : title;
  });
  const more = q.attachments.length - ATTACHMENTS_LISTED;
  if (more > 0) lines.push(`and ${more} more`);
  return lines.join("\n");
}

function fieldsOf(q: Question, today: string): Field[] {
  const fields: Field[] = [{ label: "Department", value: q.answeringBody.name || "Unknown" }];
  const asker = memberLine(q.askingMember);
  // [R]: the asker declared a relevant interest, as Parliament marks it.
  if (asker) fields.push({ label: "Asked by", value: q.memberHasInterest ? `${asker} [R]` : asker });
  const answerer = memberLine(q.answeringMember);
  if (answerer) fields.push({ label: "Answered by", value: answerer });
  fields.push({ label: "Tabled", value: longDate(q.dateTabled) });
  if (q.dateAnswered) fields.push({ label: q.isHolding ? "Holding answer" : "Answered", value: longDate(q.dateAnswered) });
  else if (answerDateUnknown(q)) fields.push({ label: q.isHolding ? "Holding answer" : "Answered", value: "date not published" });
  const deadline = deadlineLine(q, today);
  if (deadline) fields.push({ label: "Deadline", value: deadline });
  if (q.dateAnswerCorrected) fields.push({ label: "Corrected", value: longDate(q.dateAnswerCorrected) });
  fields.push({ label: "Status", value: STATUS_LABEL[statusOf(q)] });
  const attachments = attachmentLines(q);
  if (attachments) fields.push({ label: q.attachments.length === 1 ? "Attachment" : "Attachments", value: attachments });
  return fields;
}

function subtitleOf(q: Question, today: string): string {
  const lateness = latenessOf(q, today);
  const late =
    lateness?.kind === "late" ? (lateness.workingDays ? `${plural(lateness.workingDays, "working day")} late` : "overdue")
    : lateness?.kind === "due" ? (lateness.days === 0 ? "due today" : `due in ${plural(lateness.days, "day")}`)
    : null;
  return [
    q.house,
    q.uin ? `UIN ${q.uin}` : null,
    `tabled ${q.dateTabled}`,
    q.dateAnswered ? `answered ${q.dateAnswered}` : answerDateUnknown(q) ? "answered (date not published)" : null,
    q.isNamedDay && lateness?.kind !== "answered" ? "named day" : null,
    late,
  ]
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

/** `today` (a London day) is what lateness is measured against; the real one unless a test fixes it. */
export function questionCard(q: Question, body: { snippet: Snippet } | { full: boolean }, today: string = londonDay(new Date())): Card {
  const base = {
    id: q.id,
    title: q.heading || "Written question",
    subtitle: subtitleOf(q, today),
    fields: fieldsOf(q, today),
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
