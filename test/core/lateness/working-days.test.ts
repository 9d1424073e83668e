import { describe, expect, it } from "vitest";
import { isWorkingDay, workingDaysAfter } from "../../../src/core/lateness/working-days.ts";
import { londonDay } from "../../../src/model/days.ts";

describe("working days in London", () => {
  it("leaves out weekends", () => {
    expect(isWorkingDay("2025-07-18")).toBe(true); // Friday
    expect(isWorkingDay("2025-07-19")).toBe(false);
    expect(isWorkingDay("2025-07-20")).toBe(false);
    // Due on a Friday: Saturday and Sunday add nothing, Monday is the first working day late.
    expect(workingDaysAfter("2025-07-18", "2025-07-20")).toBe(0);
    expect(workingDaysAfter("2025-07-18", "2025-07-21")).toBe(1);
    expect(workingDaysAfter("2025-07-18", "2025-07-25")).toBe(5);
  });

  it("leaves out England-and-Wales bank holidays, substitute and one-off days included", () => {
    // Good Friday and Easter Monday 2025.
    expect(isWorkingDay("2025-04-18")).toBe(false);
    expect(isWorkingDay("2025-04-21")).toBe(false);
    expect(workingDaysAfter("2025-04-17", "2025-04-22")).toBe(1);
    // The coronation bank holiday (8 May 2023) and Boxing Day's substitute (27 December 2022).
    expect(isWorkingDay("2023-05-08")).toBe(false);
    expect(isWorkingDay("2022-12-27")).toBe(false);
    // Christmas to New Year 2024-25: 25, 26 Dec and 1 Jan are holidays, 28-29 Dec a weekend.
    expect(workingDaysAfter("2024-12-24", "2025-01-02")).toBe(4); // 27, 30, 31 Dec, 2 Jan
    // Not Scotland's: 2 January and St Andrew's Day are working days in London.
    expect(isWorkingDay("2025-01-02")).toBe(true);
    expect(isWorkingDay("2023-11-30")).toBe(true);
  });

  it("counts across years and gives 0 when the end is not after the start", () => {
    // 2024: 262 weekdays, 8 bank holidays on weekdays.
    expect(workingDaysAfter("2023-12-31", "2024-12-31")).toBe(254);
    expect(workingDaysAfter("2025-07-22", "2025-07-22")).toBe(0);
    expect(workingDaysAfter("2025-07-22", "2025-07-01")).toBe(0);
  });

  it("takes today as the London day, not the server's", () => {
    // 23:30 UTC in British Summer Time is already the next day in London.
    expect(londonDay(new Date("2025-07-21T23:30:00Z"))).toBe("2025-07-22");
    expect(londonDay(new Date("2025-12-21T23:30:00Z"))).toBe("2025-12-21");
  });
});
