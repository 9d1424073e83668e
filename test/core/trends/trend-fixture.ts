import { OTHER, type Trend } from "../../../src/core/trends/trend.ts";
import { periodsBetween } from "../../../src/core/trends/periods.ts";

const DEPARTMENTS = ["Department of Health and Social Care", "Home Office", "Treasury", "Ministry of Defence", "Department for Education", OTHER];

/**
 * A fixed two-year trend for chart and text tests: counts follow a formula, so the picture is the
 * same on every run and machine (the golden image is drawn from it).
 */
export function fixedTrend(overrides: Partial<Trend> = {}): Trend {
  const periods = periodsBetween("2024-08-01", "2026-07-31", "month").map((p, i) => {
    const byDepartment = Object.fromEntries(DEPARTMENTS.map((d, j) => [d, ((i * 37 + j * 11) % 50) + (j === 0 ? 40 : 5)]));
    return { ...p, count: Object.values(byDepartment).reduce((a, b) => a + b, 0), byDepartment };
  });
  const total = periods.reduce((sum, p) => sum + p.count, 0);
  return {
    query: "nhs dentists",
    unit: "month",
    from: "2024-08-01",
    to: "2026-07-31",
    departments: DEPARTMENTS,
    periods,
    topAskers: [
      { name: "Jim Shannon", party: "Democratic Unionist Party", count: 41 },
      { name: "Helen Morgan", party: "Liberal Democrat", count: 17 },
    ],
    total,
    due: 200,
    onTime: 123,
    answeredOnTime: 123 / 200,
    ...overrides,
  };
}
