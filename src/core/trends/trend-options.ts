import { dateRange } from "../search/query-dates.ts";
import { QueryError } from "../search/query-types.ts";
import { TREND_UNITS, type TrendUnit } from "./periods.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * A --from or --to date: a day, a month or a year; --from takes its first day, --to its last,
 * so `--from 2024-01 --to 2024-12` is the whole of 2024.
 */
export function trendDate(value: string, end: "from" | "to"): Parsed<string> {
  const example = `e.g. --${end} ${end === "from" ? "2024-01" : "2025-12-31"}`;
  if (!PERIOD.test(value)) return { ok: false, message: `--${end} takes a day, a month or a year, ${example}` };
  try {
    const range = dateRange(value, end);
    return { ok: true, value: (end === "from" ? range.from : range.to)! };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, message: `--${end} ${value} is not a real date, ${example}` };
    throw e;
  }
}

export function trendUnit(value: string): Parsed<TrendUnit> {
  const unit = TREND_UNITS.find((u) => u === value.toLowerCase());
  return unit ? { ok: true, value: unit } : { ok: false, message: `--by is month or week, e.g. --by week` };
}
