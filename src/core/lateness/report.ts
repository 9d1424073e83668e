import { z } from "zod";
import { ANSWERING_BODIES } from "../../model/answering-bodies.ts";
import type { QuestionStatus } from "../../model/question.ts";
import { isOverdue } from "./lateness.ts";
import { workingDaysAfter } from "./working-days.ts";

/** What the report needs of each question: the search index's summary (DocMeta) has it all. */
export interface OverdueInput {
  id: string;
  bodyId: number | null;
  status: QuestionStatus;
  dateForAnswer: string | null;
}

/** One department's line of the overdue report (`wq overdue --json` prints these as they are). */
export const OverdueDepartmentSchema = z.object({
  answeringBodyId: z.number().int().nullable(),
  answeringBodyName: z.string(),
  overdue: z.number().int(),
  medianDaysLate: z.number(),
  worstDaysLate: z.number().int(),
  /** The three longest overdue, most overdue first. */
  oldest: z.array(z.string()),
});
export type OverdueDepartment = z.infer<typeof OverdueDepartmentSchema>;

export const OverdueReportSchema = z.object({
  asOf: z.string(),
  departments: z.array(OverdueDepartmentSchema),
});
export type OverdueReport = z.infer<typeof OverdueReportSchema>;

export const OLDEST_SHOWN = 3;

const NAMES = new Map(ANSWERING_BODIES.map((b) => [b.id, b.name]));

export function answeringBodyName(id: number | null): string {
  if (id === null) return "Unknown department";
  return NAMES.get(id) ?? `Answering body ${id}`;
}

/** The median of a histogram (value -> how many), values in any order. */
function medianOf(histogram: ReadonlyMap<number, number>, count: number): number {
  const values = [...histogram.keys()].sort((a, b) => a - b);
  // The lower and upper middle positions (equal for an odd count), 0-based.
  const lower = (count - 1) >> 1;
  const upper = count >> 1;
  let seen = 0;
  let low: number | null = null;
  for (const v of values) {
    seen += histogram.get(v)!;
    if (low === null && seen > lower) low = v;
    if (seen > upper) return (low! + v) / 2;
  }
  return low ?? 0;
}

interface Tally {
  count: number;
  /** Working days late -> how many: a department's questions share few distinct due dates. */
  days: Map<number, number>;
  /** The most overdue so far (earliest due, then lowest id), at most OLDEST_SHOWN. */
  oldest: { id: string; due: string }[];
}

const before = (a: { id: string; due: string }, b: { id: string; due: string }): boolean =>
  a.due !== b.due ? a.due < b.due : compareIds(a.id, b.id) < 0;

/**
 * Per department, the questions overdue on `asOf` (see isOverdue), the median and worst working
 * days late and the three longest overdue; departments with most overdue first. `departments`
 * keeps only those answering bodies (null: all). One pass that keeps counts, not questions:
 * working days are counted once per distinct date for answer, the oldest three kept as they come.
 */
export function overdueReport(items: Iterable<OverdueInput | null>, asOf: string, departments: readonly number[] | null = null): OverdueReport {
  const wanted = departments ? new Set(departments) : null;
  const late = new Map<string, number>();
  const tallies = new Map<number | null, Tally>();
  for (const m of items) {
    // A null is a question no longer indexed (the index's retired numbers).
    if (!m || !isOverdue(m.status, m.dateForAnswer, asOf)) continue;
    if (wanted && (m.bodyId === null || !wanted.has(m.bodyId))) continue;
    const due = m.dateForAnswer!;
    let days = late.get(due);
    if (days === undefined) late.set(due, (days = workingDaysAfter(due, asOf)));
    let t = tallies.get(m.bodyId);
    if (!t) tallies.set(m.bodyId, (t = { count: 0, days: new Map(), oldest: [] }));
    t.count++;
    t.days.set(days, (t.days.get(days) ?? 0) + 1);
    const entry = { id: m.id, due };
    if (t.oldest.length < OLDEST_SHOWN || before(entry, t.oldest[t.oldest.length - 1]!)) {
      t.oldest.push(entry);
      t.oldest.sort((a, b) => (before(a, b) ? -1 : 1));
      if (t.oldest.length > OLDEST_SHOWN) t.oldest.pop();
    }
  }
  const rows = [...tallies].map(([bodyId, t]): OverdueDepartment => ({
    answeringBodyId: bodyId,
    answeringBodyName: answeringBodyName(bodyId),
    overdue: t.count,
    medianDaysLate: medianOf(t.days, t.count),
    worstDaysLate: Math.max(...t.days.keys()),
    oldest: t.oldest.map((q) => q.id),
  }));
  rows.sort((a, b) => b.overdue - a.overdue || a.answeringBodyName.localeCompare(b.answeringBodyName));
  return { asOf, departments: rows };
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
