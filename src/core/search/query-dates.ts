import { QueryError, type DateRange } from "./query-types.ts";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo);
}

/** The day `days` after (or before) a YYYY-MM-DD day. */
function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function usage(key: string): QueryError {
  return new QueryError(
    `${key}: takes a day, a month or a range, e.g. ${key}:2024-07-25, ${key}:2024-07, ${key}:2024-01-01..2024-03-31, ${key}:>=2024-06-01`,
  );
}

/** A day, month or year as the range of days it covers, both ends inclusive. */
function period(text: string, key: string): { from: string; to: string } {
  if (DAY.test(text)) {
    if (!validDay(text)) throw new QueryError(`${key}:${text} is not a real date. Example: ${key}:2024-07-25`);
    return { from: text, to: text };
  }
  const month = MONTH.exec(text);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) throw new QueryError(`${key}:${text} is not a real month. Example: ${key}:2024-07`);
    return { from: `${text}-01`, to: `${text}-${String(lastDayOfMonth(y, m)).padStart(2, "0")}` };
  }
  if (YEAR.test(text)) return { from: `${text}-01-01`, to: `${text}-12-31` };
  throw usage(key);
}

/**
 * A date filter's value as an inclusive day range, compared as GitHub search does: `>` and `<`
 * leave the day (month, year) itself out, `>=` and `<=` keep it, `a..b` keeps both ends, and
 * `a..` or `..b` leave one end open.
 */
export function dateRange(value: string, key: string): DateRange {
  const op = /^(>=|<=|>|<)/.exec(value)?.[1];
  if (op) {
    const p = period(value.slice(op.length), key);
    if (op === ">") return { from: shift(p.to, 1), to: null };
    if (op === ">=") return { from: p.from, to: null };
    if (op === "<") return { from: null, to: shift(p.from, -1) };
    return { from: null, to: p.to };
  }
  const parts = value.split("..");
  if (parts.length === 2) {
    if (!parts[0] && !parts[1]) throw usage(key);
    const from = parts[0] ? period(parts[0], key).from : null;
    const to = parts[1] ? period(parts[1], key).to : null;
    if (from && to && from > to) throw new QueryError(`${key}:${value} ends before it starts. Example: ${key}:2024-01-01..2024-03-31`);
    return { from, to };
  }
  return period(value, key);
}

/** Both ranges at once (two date filters of one kind narrow each other). */
export function intersect(a: DateRange | null, b: DateRange): DateRange {
  if (!a) return b;
  const from = a.from && b.from ? (a.from > b.from ? a.from : b.from) : (a.from ?? b.from);
  const to = a.to && b.to ? (a.to < b.to ? a.to : b.to) : (a.to ?? b.to);
  return { from, to };
}
