import type { Trend } from "./trend.ts";

/**
 * `wq trend --json`: `{query, from, to, months: [{month, count, byDepartment}], topAskers: [{name,
 * count}], answeredOnTime}`; by week, `weeks: [{week, ...}]` (the Monday) in place of months.
 * answeredOnTime is a ratio from 0 to 1, null when no question was due yet.
 */
export function trendJson(trend: Trend): Record<string, unknown> {
  const periods = trend.periods.map((p) => ({ [trend.unit]: p.key, count: p.count, byDepartment: p.byDepartment }));
  return {
    query: trend.query,
    from: trend.from,
    to: trend.to,
    [trend.unit === "month" ? "months" : "weeks"]: periods,
    topAskers: trend.topAskers.map((a) => ({ name: a.name, count: a.count })),
    answeredOnTime: trend.answeredOnTime === null ? null : Math.round(trend.answeredOnTime * 10_000) / 10_000,
  };
}
