import { QueryError, type DateRange } from "../search/query-types.ts";
import { addDays } from "../../model/days.ts";
import { addMonths, periodOf, periodsBetween, type Period, type TrendUnit } from "./periods.ts";

/** What a trend is asked for, beside its query. Plain data: it crosses to the search worker. */
export interface TrendSpec {
  unit: TrendUnit;
  /** `--from` / `--to` days; null leaves the end to the query's own tabled: range, else the default. */
  from: string | null;
  to: string | null;
  /** Today in London: where the range ends when the index holds nothing. */
  today: string;
  /** How many askers to name. */
  topAskers: number;
}

/** Periods shown when neither the query nor the caller says: two years of months, half a year of weeks. */
export const DEFAULT_SPAN: Record<TrendUnit, number> = { month: 24, week: 26 };
/** More bars than this is no longer a readable chart (13 years of months, 3 of weeks). */
export const MAX_PERIODS = 156;

/** The first and last day tabled of every question the index holds; null when it holds none. */
export type HeldRange = { first: string; last: string } | null;

function later(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

function earlier(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}

/** The first day of the period `count - 1` periods before the one holding `to`. */
function spanBefore(to: string, unit: TrendUnit, count: number): string {
  return unit === "month" ? addMonths(to, -(count - 1)) : addDays(periodOf(to, unit).from, -7 * (count - 1));
}

/**
 * The days a trend counts, both ends inclusive: the caller's --from/--to and the query's tabled:
 * range narrow each other; an end neither gives is, for the query's own open range, the first or
 * last day held, and otherwise the default span ending at the newest question held.
 */
export function trendRange(spec: Pick<TrendSpec, "unit" | "from" | "to">, tabled: DateRange | null, held: HeldRange, today: string): { range: { from: string; to: string }; periods: Period[] } {
  const given = { from: later(spec.from, tabled?.from ?? null), to: earlier(spec.to, tabled?.to ?? null) };
  const queryOwnsRange = tabled !== null && spec.from === null && spec.to === null;
  const to = given.to ?? later(held?.last ?? today, given.from)!;
  const from = given.from ?? (queryOwnsRange && held ? earlier(held.first, to)! : spanBefore(to, spec.unit, DEFAULT_SPAN[spec.unit]));
  if (from > to) throw new QueryError(`That range ends (${to}) before it starts (${from}). Example: tabled:2024-01..2025-12`);
  const periods = periodsBetween(from, to, spec.unit);
  if (periods.length > MAX_PERIODS)
    throw new QueryError(`That range holds ${periods.length} ${spec.unit}s; a trend shows at most ${MAX_PERIODS}: narrow it, e.g. tabled:2024-01..2025-12`);
  return { range: { from, to }, periods };
}
