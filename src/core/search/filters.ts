import type { DocMeta } from "./documents.ts";
import type { DateRange, Filters } from "./query.ts";

function inRange(day: string | null, range: DateRange | null): boolean {
  if (!range) return true;
  if (!day) return false;
  return (range.from === null || day >= range.from) && (range.to === null || day <= range.to);
}

/** Whether one question passes every filter of a query. */
export function passes(m: DocMeta, f: Filters): boolean {
  if (f.departments.length && !f.departments.some((d) => m.bodyId !== null && d.ids.includes(m.bodyId))) return false;
  if (f.askers.length && !f.askers.some((a) => m.asker.includes(a))) return false;
  if (f.answerers.length && !f.answerers.some((a) => m.answerer.includes(a))) return false;
  if (f.houses.length && !f.houses.includes(m.house)) return false;
  // A corrected answer is still an answer.
  if (f.statuses.length && !f.statuses.some((s) => s === m.status || (s === "answered" && m.status === "corrected")))
    return false;
  if (f.uins.length && (m.uin === null || !f.uins.includes(m.uin))) return false;
  return inRange(m.dateTabled, f.tabled) && inRange(m.dateAnswered, f.answered);
}
