import { statusOf, type Question, type QuestionStatus } from "../../model/question.ts";
import { dayNumber, workingDaysAfter } from "./working-days.ts";

/** What lateness needs of a question (a stored record or the index's summary of one). */
export type LatenessInput = Pick<Question, "isWithdrawn" | "isCorrection" | "isHolding" | "dateAnswered" | "answerText" | "dateForAnswer">;

/**
 * Where a question stands against its date for answer on `today`:
 * - `due`: no substantive answer yet, due today (0) or in `days` calendar days;
 * - `late`: no substantive answer and the date for answer has passed (a holding answer does not
 *   stop the clock), `workingDays` after it up to today;
 * - `answered`: answered substantively, `workingDaysLate` after the date (0: on time);
 * - null: withdrawn, or no date for answer is known.
 */
export type Lateness =
  | { kind: "due"; days: number }
  | { kind: "late"; workingDays: number }
  | { kind: "answered"; workingDaysLate: number };

/**
 * Still owed an answer: no substantive answer (none, or only a holding one) and not withdrawn.
 * A correction is a substantive answer corrected.
 */
export function isAwaiting(status: QuestionStatus): boolean {
  return status === "unanswered" || status === "holding";
}

/**
 * The one overdue rule, for records and the index's summaries alike: still owed an answer and the
 * date for answer is before `today` (a London day).
 */
export function isOverdue(status: QuestionStatus, dateForAnswer: string | null, today: string): boolean {
  return dateForAnswer !== null && dateForAnswer < today && isAwaiting(status);
}

export function latenessOf(q: LatenessInput, today: string): Lateness | null {
  if (!q.dateForAnswer || q.isWithdrawn) return null;
  if (isAwaiting(statusOf(q))) {
    if (q.dateForAnswer < today) return { kind: "late", workingDays: workingDaysAfter(q.dateForAnswer, today) };
    return { kind: "due", days: dayNumber(q.dateForAnswer) - dayNumber(today) };
  }
  if (!q.dateAnswered) return null;
  return { kind: "answered", workingDaysLate: workingDaysAfter(q.dateForAnswer, q.dateAnswered) };
}
