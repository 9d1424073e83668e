import { addDays } from "../../model/days.ts";

/**
 * Periods a trend counts by: calendar months, or weeks from Monday (as Parliament's sitting
 * weeks and most UK reporting run). Days are YYYY-MM-DD strings throughout, as the store keeps them.
 */
export type TrendUnit = "month" | "week";

export const TREND_UNITS: readonly TrendUnit[] = ["month", "week"];

export interface Period {
  /** "2024-07" for a month, the Monday "2024-07-22" for a week. */
  key: string;
  /** First and last day of the period, both inclusive. */
  from: string;
  to: string;
}

function dateOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}


/** The first day of the month `months` after (or before) the month of `day`. */
export function addMonths(day: string, months: number): string {
  const d = dateOf(`${day.slice(0, 7)}-01`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return dayOf(d);
}

function mondayOf(day: string): string {
  const weekday = (dateOf(day).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(day, -weekday);
}

/** The key of the period that holds `day`. */
export function periodKey(day: string, unit: TrendUnit): string {
  return unit === "month" ? day.slice(0, 7) : mondayOf(day);
}

/** The whole period that holds `day`. */
export function periodOf(day: string, unit: TrendUnit): Period {
  if (unit === "week") {
    const from = mondayOf(day);
    return { key: from, from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  return { key: day.slice(0, 7), from, to: addDays(addMonths(from, 1), -1) };
}

/** Every period from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(from: string, to: string, unit: TrendUnit): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(from, unit); p.from <= to; p = periodOf(addDays(p.to, 1), unit)) out.push(p);
  return out;
}

/**
 * A key-per-day cache for counting: hundreds of thousands of questions fall on a few thousand
 * distinct days, and a week's Monday is date arithmetic worth doing once per day.
 */
export function periodKeyer(unit: TrendUnit): (day: string) => string {
  if (unit === "month") return (day) => day.slice(0, 7);
  const cache = new Map<string, string>();
  return (day) => {
    let key = cache.get(day);
    if (key === undefined) {
      key = mondayOf(day);
      cache.set(day, key);
    }
    return key;
  };
}
