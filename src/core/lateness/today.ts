import { DateTime } from "luxon";

/** Parliament's days are London days, whatever the server's zone. */
export const LONDON = "Europe/London";

/** The London day of a command's clock; the real one when it has none. */
export function todayOf(deps: { now?: () => Date }): string {
  return londonToday(deps.now ? deps.now() : new Date());
}

/** The London day of an instant, YYYY-MM-DD. */
export function londonToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: LONDON }).toISODate() ?? now.toISOString().slice(0, 10);
}
