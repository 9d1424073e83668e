import { describe, expect, it } from "vitest";
import { addDays, isDay, londonDay } from "../../src/model/days.ts";

/** London's day as the platform's time-zone data gives it, worked out afresh at every call. */
const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const reference = (when: Date): string => {
  const part = (type: string): string => LONDON_PARTS.formatToParts(when).find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
};

describe("londonDay", () => {
  it("turns at London's midnight in summer (23:00 UTC) and in winter (00:00 UTC)", () => {
    expect(londonDay(new Date("2026-07-15T22:59:59.999Z"))).toBe("2026-07-15");
    expect(londonDay(new Date("2026-07-15T23:00:00.000Z"))).toBe("2026-07-16");
    expect(londonDay(new Date("2026-01-15T23:59:59.999Z"))).toBe("2026-01-15");
    expect(londonDay(new Date("2026-01-16T00:00:00.000Z"))).toBe("2026-01-16");
  });

  it("agrees with the time-zone data at every 7 minutes of a year with both clock changes, in order and shuffled", () => {
    // The day is kept for the UTC hour it was asked in: a stale one would show at the hour's turn.
    const start = Date.parse("2026-01-01T00:00:00Z");
    const instants = Array.from({ length: Math.ceil((365 * 24 * 60) / 7) }, (_, i) => new Date(start + i * 7 * 60_000));
    const inOrder = instants.filter((d) => londonDay(d) !== reference(d));
    // A fixed shuffle (a linear congruential walk), so a failure repeats.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shuffled = instants.map((d) => ({ d, k: next() })).sort((a, b) => a.k - b.k).map((x) => x.d);
    const outOfOrder = shuffled.filter((d) => londonDay(d) !== reference(d));
    expect(inOrder).toEqual([]);
    expect(outOfOrder).toEqual([]);
  });
});

describe("addDays and isDay", () => {
  it("moves by whole days across month, year and clock changes", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("accepts only real calendar days written YYYY-MM-DD", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
    expect(isDay("2025-2-28")).toBe(false);
    expect(isDay("2025-13-01")).toBe(false);
  });
});
