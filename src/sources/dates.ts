/** Days as the API and wq use them: "YYYY-MM-DD" in UK time, compared as strings. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const londonDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The day it is in London at `when`: the API's dates are UK dates. */
export function ukDay(when: Date): string {
  return londonDay.format(when);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const maxDay = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a >= b ? a : b);
export const minDay = (a: string, b: string): string => (a <= b ? a : b);

/** [from, to] cut into consecutive windows of at most `size` days, oldest first. */
export function dayWindows(from: string, to: string, size: number): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (let start = from; start <= to; start = addDays(start, size)) {
    out.push({ from: start, to: minDay(addDays(start, size - 1), to) });
  }
  return out;
}
