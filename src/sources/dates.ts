/** Day arithmetic for syncing: windows of days, and the later or earlier of two. */
import { addDays } from "../model/days.ts";

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
