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

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per department, the questions overdue on `asOf` (see isOverdue), the median and worst working
 * days late and the three longest overdue; departments with most overdue first. `departments`
 * keeps only those answering bodies (null: all). One pass over the questions; working days are
 * counted once per distinct date for answer.
 */
export function overdueReport(items: Iterable<OverdueInput>, asOf: string, departments: readonly number[] | null = null): OverdueReport {
  const wanted = departments ? new Set(departments) : null;
  const late = new Map<string, number>();
  const daysLate = (due: string): number => {
    let d = late.get(due);
    if (d === undefined) late.set(due, (d = workingDaysAfter(due, asOf)));
    return d;
  };
  const byBody = new Map<number | null, { id: string; due: string; days: number }[]>();
  for (const m of items) {
    if (!isOverdue(m.status, m.dateForAnswer, asOf)) continue;
    if (wanted && (m.bodyId === null || !wanted.has(m.bodyId))) continue;
    const due = m.dateForAnswer!;
    const list = byBody.get(m.bodyId) ?? [];
    list.push({ id: m.id, due, days: daysLate(due) });
    byBody.set(m.bodyId, list);
  }
  const rows = [...byBody].map(([bodyId, list]): OverdueDepartment => {
    // Most overdue first; among equals, the lower id (the API's ids rise as questions are tabled).
    list.sort((a, b) => (a.due !== b.due ? (a.due < b.due ? -1 : 1) : compareIds(a.id, b.id)));
    const days = list.map((q) => q.days).sort((a, b) => a - b);
    return {
      answeringBodyId: bodyId,
      answeringBodyName: answeringBodyName(bodyId),
      overdue: list.length,
      medianDaysLate: median(days),
      worstDaysLate: days[days.length - 1]!,
      oldest: list.slice(0, OLDEST_SHOWN).map((q) => q.id),
    };
  });
  rows.sort((a, b) => b.overdue - a.overdue || a.answeringBodyName.localeCompare(b.answeringBodyName));
  return { asOf, departments: rows };
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
