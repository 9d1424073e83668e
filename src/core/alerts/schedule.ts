import { DateTime } from "luxon";
import type { Cadence, Subscription } from "../../model/alerts.ts";
import { LONDON } from "../../model/days.ts";

/** Digests go out by the clock in London, whatever the server's zone and through clock changes. */
export const DEFAULT_AT = "09:00";

/** Whether a digest of `cadence` goes out on this London day (1 = Monday ... 7 = Sunday). */
function isDigestDay(cadence: Cadence, weekday: number): boolean {
  return cadence === "weekly" ? weekday === 1 : weekday <= 5;
}

/**
 * The first digest instant strictly after `after`: `at` London time on the next working day
 * (daily) or Monday (weekly). Null for instant subscriptions.
 */
export function nextDigestAt(sub: Pick<Subscription, "cadence" | "at">, after: Date): Date | null {
  if (sub.cadence === "instant") return null;
  const [hour, minute] = sub.at.split(":").map(Number) as [number, number];
  let day = DateTime.fromJSDate(after, { zone: LONDON }).startOf("day");
  for (let i = 0; i < 15; i++, day = day.plus({ days: 1 })) {
    if (!isDigestDay(sub.cadence, day.weekday)) continue;
    const at = day.set({ hour, minute, second: 0, millisecond: 0 });
    if (at.toMillis() > after.getTime()) return at.toJSDate();
  }
  throw new Error(`no digest day found after ${after.toISOString()}`);
}

/** "Mon 30 Mar, 09:00" in London time, for messages. */
export function londonLabel(when: Date): string {
  return DateTime.fromJSDate(when, { zone: LONDON }).toFormat("ccc d LLL, HH:mm");
}

/** Whether HH:MM is a real time of day. */
export function validAt(text: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}
