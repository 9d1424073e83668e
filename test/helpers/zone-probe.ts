/**
 * Prints, as one JSON line, what wq's date code answers for a fixed set of instants, and which zone
 * this process runs in. zones.test.ts runs it in child processes with TZ set to zones other than
 * London: vitest cannot change the zone of a test file reliably, a fresh process can.
 */
import { fileURLToPath } from "node:url";
import { londonLabel, nextDigestAt } from "../../src/core/alerts/schedule.ts";
import { addDays, isDay, londonDay } from "../../src/model/days.ts";
import { dayWindows } from "../../src/sources/dates.ts";

export function probe(): Record<string, unknown> {
  const at = (iso: string): Date => new Date(iso);
  const next = (cadence: "daily" | "weekly", time: string, after: string): string | undefined =>
    nextDigestAt({ cadence, at: time }, at(after))?.toISOString();
  return {
    // Summer, 23:30 UTC: London is already on the next day (00:30 BST), New York still on this one.
    londonDaySummerLate: londonDay(at("2026-07-15T23:30:00Z")),
    londonLabelSummerLate: londonLabel(at("2026-07-15T23:30:00Z")),
    londonDaySummerJustBefore: londonDay(at("2026-07-15T22:59:59Z")),
    londonDayWinterLate: londonDay(at("2026-01-15T23:30:00Z")),
    // Daily at 09:00 after Wednesday 23:30 UTC (Thursday 00:30 in London): Thursday 09:00 BST.
    dailyAfterSummerLate: next("daily", "09:00", "2026-07-15T23:30:00Z"),
    // Daily at 00:15 after the same instant: 00:15 Thursday has passed in London, so Friday's.
    dailyQuarterPastMidnight: next("daily", "00:15", "2026-07-15T23:30:00Z"),
    // Friday 23:30 UTC is Saturday in London: the next working day is Monday.
    dailyAfterFridayLate: next("daily", "09:00", "2026-07-17T23:30:00Z"),
    // Sunday 23:30 UTC is Monday 00:30 in London: weekly goes out that same Monday at 09:00.
    weeklyAfterSundayLate: next("weekly", "09:00", "2026-07-19T23:30:00Z"),
    // Across the spring clock change (29 March 2026): Monday 09:00 is 08:00 UTC.
    dailyAcrossClockChange: next("daily", "09:00", "2026-03-27T12:00:00Z"),
    // Across the autumn one (25 October 2026): Monday 09:00 is 09:00 UTC again.
    dailyAcrossAutumnChange: next("daily", "09:00", "2026-10-23T12:00:00Z"),
    // Day arithmetic across New York's and London's clock changes.
    addDaysUs: addDays("2026-03-07", 2),
    addDaysUk: addDays("2026-03-28", 2),
    isDayClockChange: isDay("2026-03-29"),
    windows: dayWindows("2026-03-27", "2026-03-31", 2),
  };
}

/** The answers every zone must give. */
export const EXPECTED = {
  londonDaySummerLate: "2026-07-16",
  londonLabelSummerLate: "Thu 16 Jul, 00:30",
  londonDaySummerJustBefore: "2026-07-15",
  londonDayWinterLate: "2026-01-15",
  dailyAfterSummerLate: "2026-07-16T08:00:00.000Z",
  dailyQuarterPastMidnight: "2026-07-16T23:15:00.000Z",
  dailyAfterFridayLate: "2026-07-20T08:00:00.000Z",
  weeklyAfterSundayLate: "2026-07-20T08:00:00.000Z",
  dailyAcrossClockChange: "2026-03-30T08:00:00.000Z",
  dailyAcrossAutumnChange: "2026-10-26T09:00:00.000Z",
  addDaysUs: "2026-03-09",
  addDaysUk: "2026-03-30",
  isDayClockChange: true,
  windows: [
    { from: "2026-03-27", to: "2026-03-28" },
    { from: "2026-03-29", to: "2026-03-30" },
    { from: "2026-03-31", to: "2026-03-31" },
  ],
};

// Run as a script (the child), not when zones.test.ts imports it.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The offset in July proves the zone took effect (New York: 240 minutes behind UTC).
  const julyOffset = new Date("2026-07-15T12:00:00Z").getTimezoneOffset();
  process.stdout.write(`${JSON.stringify({ zone, julyOffset, results: probe() })}\n`);
}
