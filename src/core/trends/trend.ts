import { londonDay } from "../../model/days.ts";
import { bodyById } from "../../model/departments.ts";
import type { Store } from "../../store/store.ts";
import type { SearchEngine } from "../search/engine.ts";
import type { Query } from "../search/query.ts";
import type { Period, TrendUnit } from "./periods.ts";
import type { TrendCounts } from "./trend-counts.ts";

/** Departments named in a trend; the rest are summed as OTHER. */
export const TOP_DEPARTMENTS = 5;
export const TOP_ASKERS = 5;
export const OTHER = "Other";

/** A trend as every output shows it (JSON, text, chart): departments and askers named. */
export interface Trend {
  /** The query as typed. */
  query: string;
  unit: TrendUnit;
  from: string;
  to: string;
  /** Legend order: the most asked department first, OTHER last when there is one. */
  departments: string[];
  periods: Array<Period & { count: number; byDepartment: Record<string, number> }>;
  topAskers: Array<{ name: string; party: string | null; count: number }>;
  total: number;
  /** Answers counted for the on-time share (trend-counts.ts onTimeState), those on time, and the share (null when none). */
  due: number;
  onTime: number;
  answeredOnTime: number | null;
}

export interface TrendDeps {
  index: SearchEngine;
  store: Store;
  now: () => Date;
}

export interface TrendOptions {
  unit: TrendUnit;
  from: string | null;
  to: string | null;
}

export function departmentName(bodyKey: string): string {
  if (bodyKey === "") return "No department";
  return bodyById(Number(bodyKey))?.name ?? `Answering body ${bodyKey}`;
}

/** Names the departments (the top ones by questions, the rest as OTHER) and askers of raw counts. */
export function nameTrend(text: string, counts: TrendCounts, askerNames: ReadonlyMap<string, { name: string; party: string | null }>): Trend {
  const totals = new Map<string, number>();
  for (const p of counts.periods) for (const [body, n] of Object.entries(p.byBody)) totals.set(body, (totals.get(body) ?? 0) + n);
  const ranked = [...totals].sort(([a, x], [b, y]) => y - x || departmentName(a).localeCompare(departmentName(b)));
  const named = ranked.slice(0, TOP_DEPARTMENTS).map(([body]) => body);
  const hasOther = ranked.length > TOP_DEPARTMENTS;
  const departments = [...named.map(departmentName), ...(hasOther ? [OTHER] : [])];
  const periods = counts.periods.map(({ byBody, ...p }) => {
    const byDepartment: Record<string, number> = Object.fromEntries(departments.map((d) => [d, 0]));
    for (const [body, n] of Object.entries(byBody)) {
      const name = named.includes(body) ? departmentName(body) : OTHER;
      byDepartment[name] = (byDepartment[name] ?? 0) + n;
    }
    return { ...p, byDepartment };
  });
  return {
    query: text,
    unit: counts.unit,
    from: counts.from,
    to: counts.to,
    departments,
    periods,
    topAskers: counts.askers.map((a) => ({ ...(askerNames.get(a.key) ?? { name: a.key, party: null }), count: a.count })),
    total: counts.total,
    due: counts.due,
    onTime: counts.onTime,
    answeredOnTime: counts.due === 0 ? null : counts.onTime / counts.due,
  };
}

/**
 * A query's trend: counted in the search index (exact, off the event loop when the index is in
 * its worker), then the top askers' names read as printed from one question of each.
 */
export async function trendOf(deps: TrendDeps, text: string, query: Query, options: TrendOptions): Promise<Trend> {
  const counts = await deps.index.trend(query, { ...options, today: londonDay(deps.now()), topAskers: TOP_ASKERS });
  const samples = await deps.store.getQuestions(counts.askers.map((a) => a.sampleId));
  const names = new Map<string, { name: string; party: string | null }>();
  for (const q of samples) if (q.askingMember) names.set(q.askingMember.name.toLowerCase(), { name: q.askingMember.name, party: q.askingMember.party });
  return nameTrend(text, counts, names);
}
