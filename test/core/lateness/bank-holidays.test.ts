import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { BANK_HOLIDAYS, BANK_HOLIDAYS_FROM } from "../../../src/core/lateness/bank-holidays.ts";
import { calendarHolidays, dayNumber, dayOf, isWorkingDay, workingDaysAfter } from "../../../src/core/lateness/working-days.ts";

/** What date-holidays itself says of a year: every England-and-Wales public holiday on a weekday. */
function fromPackage(year: number): string[] {
  const days = new Holidays("GB", "ENG", { types: ["public"] }).getHolidays(year).map((h) => h.date.slice(0, 10));
  return [...new Set(days)].filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).sort();
}

describe("the bank holiday table", () => {
  it("holds exactly what date-holidays computes for every year it covers (after an update: npm run holidays)", () => {
    expect(BANK_HOLIDAYS.length).toBeGreaterThanOrEqual(51);
    expect(BANK_HOLIDAYS_FROM).toBeLessThanOrEqual(2000);
    BANK_HOLIDAYS.forEach((line, i) => {
      const year = BANK_HOLIDAYS_FROM + i;
      expect(line.split(" "), String(year)).toEqual(fromPackage(year));
    });
  });

  it("covers the years of the Written Questions service and decades ahead", () => {
    expect(BANK_HOLIDAYS_FROM + BANK_HOLIDAYS.length - 1).toBeGreaterThanOrEqual(2050);
  });

  it("asks date-holidays itself for a year outside the table, with the same rule", () => {
    const before = BANK_HOLIDAYS_FROM - 1;
    const after = BANK_HOLIDAYS_FROM + BANK_HOLIDAYS.length;
    for (const year of [before, after]) expect(calendarHolidays(year).map(dayOf)).toEqual(fromPackage(year));
    // Outside the table a holiday is still no working day (1999: 28 December, Christmas's substitute).
    for (const day of fromPackage(before)) expect(isWorkingDay(day), day).toBe(false);
    expect(isWorkingDay(`${before}-12-24`)).toBe(true);
    // Counting across the table's edge takes holidays from both sides.
    const from = `${before}-12-20`;
    const to = `${BANK_HOLIDAYS_FROM}-01-10`;
    let expected = 0;
    const holidays = new Set([...fromPackage(before), ...fromPackage(BANK_HOLIDAYS_FROM)]);
    for (let n = dayNumber(from) + 1; n <= dayNumber(to); n++) {
      const day = dayOf(n);
      if (![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !holidays.has(day)) expected++;
    }
    expect(workingDaysAfter(from, to)).toBe(expected);
  });
});
