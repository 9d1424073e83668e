import type { DocMeta } from "../search/documents.ts";
import type { Period, TrendUnit } from "./periods.ts";
import { periodKeyer } from "./periods.ts";

/**
 * A trend's raw counts, made where the index lives (the search worker) so only these aggregates
 * cross the thread boundary: a few hundred numbers, whatever the number of matches.
 */
export interface TrendCounts {
  unit: TrendUnit;
  /** The days counted, both inclusive. */
  from: string;
  to: string;
  periods: Array<Period & { count: number; /** By answering-body id; "" for none. */ byBody: Record<string, number> }>;
  /** The askers with most questions, most first; `key` is the lower-cased name the index holds. */
  askers: Array<{ key: string; count: number; /** One of their questions, to read the name as printed. */ sampleId: string }>;
  /** Questions counted for the on-time share (see onTimeState), and those of them answered on time. */
  due: number;
  onTime: number;
  total: number;
}

export type OnTimeState = "on-time" | "late" | "not-counted";

/**
 * Whether a question was answered on time, the one rule the share follows: of the questions with
 * a substantive answer (corrections included) whose answer date and date for answer are both
 * known, those answered on or before their date for answer. Questions still without an answer
 * (or with only a holding answer) are not counted: how late they are is the overdue report's
 * business, and a store that is not synced to the day would count them late wrongly. Withdrawn
 * questions are not counted either.
 */
export function onTimeState(m: Pick<DocMeta, "status" | "dateAnswered" | "dateForAnswer">): OnTimeState {
  if ((m.status !== "answered" && m.status !== "corrected") || m.dateAnswered === null || m.dateForAnswer === null) return "not-counted";
  return m.dateAnswered <= m.dateForAnswer ? "on-time" : "late";
}

/** Counts matched questions by period of tabling, department and asker. Questions outside the periods are left out. */
export function countTrend(matches: Iterable<DocMeta>, unit: TrendUnit, range: { from: string; to: string }, periods: readonly Period[], topAskers: number): TrendCounts {
  const out = periods.map((p) => ({ ...p, count: 0, byBody: {} as Record<string, number> }));
  const slot = new Map(out.map((p, i) => [p.key, i]));
  const keyOf = periodKeyer(unit);
  const askers = new Map<string, { count: number; sampleId: string }>();
  let due = 0;
  let onTime = 0;
  let total = 0;
  for (const m of matches) {
    if (m.dateTabled < range.from || m.dateTabled > range.to) continue;
    const i = slot.get(keyOf(m.dateTabled));
    if (i === undefined) continue;
    const p = out[i]!;
    p.count++;
    const body = m.bodyId === null ? "" : String(m.bodyId);
    p.byBody[body] = (p.byBody[body] ?? 0) + 1;
    total++;
    if (m.asker) {
      const a = askers.get(m.asker);
      if (a) a.count++;
      else askers.set(m.asker, { count: 1, sampleId: m.id });
    }
    const state = onTimeState(m);
    if (state !== "not-counted") due++;
    if (state === "on-time") onTime++;
  }
  const top = [...askers]
    .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, topAskers)
    .map(([key, a]) => ({ key, ...a }));
  return { unit, from: range.from, to: range.to, periods: out, askers: top, due, onTime, total };
}
