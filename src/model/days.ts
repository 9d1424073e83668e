/**
 * Days as Parliament, the API and wq use them: "YYYY-MM-DD" London days, whatever the server's
 * zone, compared as strings and moved in whole days.
 */

export const LONDON = "Europe/London";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * London's midnight falls on a whole UTC hour (00:00 in winter, 23:00 in summer) and its clock
 * changes at 01:00 UTC, so the day is the same all through a UTC hour: formatting once an hour
 * spares every search and card a time-zone lookup.
 */
const HOUR_MS = 3_600_000;
let cachedHour = Number.NaN;
let cachedDay = "";

/** The London day of an instant, YYYY-MM-DD. */
export function londonDay(when: Date): string {
  const hour = Math.floor(when.getTime() / HOUR_MS);
  if (hour !== cachedHour) {
    cachedDay = LONDON_DAY.format(when);
    cachedHour = hour;
  }
  return cachedDay;
}

/** A day moved by `n` days (negative for earlier), YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

