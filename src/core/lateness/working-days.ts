import { createRequire } from "node:module";
import type Holidays from "date-holidays";
import { BANK_HOLIDAYS, BANK_HOLIDAYS_FROM } from "./bank-holidays.ts";

/**
 * Working days as government departments count them for written answers: Monday to Friday, less
 * the bank holidays of England and Wales. The holidays come from `date-holidays` (a maintained
 * calendar: it carries substitute days and one-off holidays such as the 2023 coronation), through
 * the table in bank-holidays.ts that scripts/bank-holidays.ts writes from it: loading the package
 * (moment, its time zones, the rule parser) took a `wq search` 60-75 ms for a few dates. A year
 * outside the table asks the package itself, loaded then. Each year is read once and kept.
 */
const byYear = new Map<number, readonly number[]>();

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The YYYY-MM-DD day `n` days after 1970-01-01. */
export function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday: 1970-01-01 was a Thursday, so day n is weekday (n + 4) mod 7, 0 = Sunday. */
function isWeekday(n: number): boolean {
  const w = (((n + 4) % 7) + 7) % 7;
  return w >= 1 && w <= 5;
}

let calendar: Holidays | null = null;

/**
 * The bank holidays of one year that fall on a weekday, as day numbers in order, computed by
 * `date-holidays` (a weekend one changes no count; its substitute day is in the list). Loaded
 * synchronously on first use, by require: working days are counted in synchronous code.
 */
export function calendarHolidays(year: number): readonly number[] {
  if (!calendar) {
    const Calendar = createRequire(import.meta.url)("date-holidays") as typeof Holidays;
    calendar = new Calendar("GB", "ENG", { types: ["public"] });
  }
  return [...new Set(calendar.getHolidays(year).map((h) => dayNumber(h.date.slice(0, 10))))].filter(isWeekday).sort((a, b) => a - b);
}

/** The bank holidays of one year that fall on a weekday, as day numbers in order. */
function holidays(year: number): readonly number[] {
  let days = byYear.get(year);
  if (!days) {
    const listed = BANK_HOLIDAYS[year - BANK_HOLIDAYS_FROM];
    days = listed === undefined ? calendarHolidays(year) : listed ? listed.split(" ").map(dayNumber) : [];
    byYear.set(year, days);
  }
  return days;
}

/** Weekdays among day numbers [0, n) (negative n counts backwards, so differences still hold). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let k = weeks * 7; k < n; k++) if (isWeekday(k)) count++;
  return count;
}

export function isWorkingDay(day: string): boolean {
  const n = dayNumber(day);
  return isWeekday(n) && !holidays(Number(day.slice(0, 4))).includes(n);
}

/**
 * Working days after `from` up to and including `to`: a question due on a Tuesday and still
 * unanswered on the Wednesday is 1 working day late. Zero when `to` is not after `from`.
 */
export function workingDaysAfter(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b <= a) return 0;
  let count = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const h of holidays(year)) if (h > a && h <= b) count--;
  return count;
}
