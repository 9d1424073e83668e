import { statusOf, type Question } from "../../model/question.ts";
import { addDays } from "../../model/days.ts";

/** How long after its (last) answer a watch waits for a correction before it ends. */
export const WATCH_SETTLE_DAYS = 30;

/** The day a settled question's watch ends (30 days after its answer or last correction), or null while it is open. */
export function watchEndsOn(q: Question): string | null {
  const status = statusOf(q);
  if ((status !== "answered" && status !== "corrected") || !q.dateAnswered) return null;
  const last = q.dateAnswerCorrected && q.dateAnswerCorrected > q.dateAnswered ? q.dateAnswerCorrected : q.dateAnswered;
  return addDays(last, WATCH_SETTLE_DAYS);
}

