import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween } from "../../../src/core/trends/periods.ts";
import { countTrend, onTimeState } from "../../../src/core/trends/trend-counts.ts";
import { DEFAULT_SPAN, MAX_PERIODS, trendRange } from "../../../src/core/trends/trend-spec.ts";
import { nameTrend, OTHER } from "../../../src/core/trends/trend.ts";
import { trendJson } from "../../../src/core/trends/trend-json.ts";
import { LAST_PERIODS, sparkline, trendText } from "../../../src/core/trends/trend-text.ts";
import { trendDate, trendUnit } from "../../../src/core/trends/trend-options.ts";
import type { DocMeta } from "../../../src/core/search/documents.ts";
import { QueryError } from "../../../src/core/search/query-types.ts";
import { fixedTrend } from "./trend-fixture.ts";

const held = { first: "2023-12-01", last: "2026-07-10" };

function meta(over: Partial<DocMeta>): DocMeta {
  return { id: "q", uin: null, house: "Commons", dateTabled: "2026-01-05", dateAnswered: null, dateForAnswer: null, namedDay: false, bodyId: 17, asker: "", answerer: "", status: "unanswered", ...over };
}

describe("periods", () => {
  it("are calendar months, and weeks from Monday", () => {
    expect(periodOf("2024-02-10", "month")).toEqual({ key: "2024-02", from: "2024-02-01", to: "2024-02-29" });
    // 2024-07-28 is a Sunday: its week began on Monday the 22nd.
    expect(periodOf("2024-07-28", "week")).toEqual({ key: "2024-07-22", from: "2024-07-22", to: "2024-07-28" });
    expect(periodOf("2024-07-29", "week").key).toBe("2024-07-29");
    expect(periodsBetween("2024-11-15", "2025-02-01", "month").map((p) => p.key)).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(periodsBetween("2024-12-30", "2025-01-13", "week").map((p) => p.key)).toEqual(["2024-12-30", "2025-01-06", "2025-01-13"]);
  });
});

describe("the range a trend counts", () => {
  const spec = { unit: "month" as const, from: null, to: null };

  it("is by default the 24 months up to the newest question held, or 26 weeks", () => {
    const { range, periods } = trendRange(spec, null, held, "2026-11-30");
    expect(range).toEqual({ from: "2024-08-01", to: "2026-07-10" });
    expect(periods).toHaveLength(DEFAULT_SPAN.month);
    const weeks = trendRange({ ...spec, unit: "week" }, null, held, "2026-11-30");
    expect(weeks.periods).toHaveLength(DEFAULT_SPAN.week);
    expect(weeks.periods.at(-1)!.key).toBe("2026-07-06");
  });

  it("is the query's own tabled: range, an open end reaching what is held", () => {
    expect(trendRange(spec, { from: "2024-01-01", to: "2024-06-30" }, held, "2026-11-30").range).toEqual({ from: "2024-01-01", to: "2024-06-30" });
    expect(trendRange(spec, { from: null, to: "2024-06-30" }, held, "2026-11-30").range).toEqual({ from: "2023-12-01", to: "2024-06-30" });
    expect(trendRange(spec, { from: "2025-03-01", to: null }, held, "2026-11-30").range).toEqual({ from: "2025-03-01", to: "2026-07-10" });
  });

  it("takes --from and --to, narrowed by the query's range", () => {
    expect(trendRange({ ...spec, from: "2025-01-01", to: null }, null, held, "2026-11-30").range).toEqual({ from: "2025-01-01", to: "2026-07-10" });
    expect(trendRange({ ...spec, from: null, to: "2025-12-31" }, null, held, "2026-11-30").range).toEqual({ from: "2024-01-01", to: "2025-12-31" });
    expect(trendRange({ ...spec, from: "2024-01-01", to: null }, { from: "2024-03-01", to: "2024-05-31" }, held, "2026-11-30").range).toEqual({ from: "2024-03-01", to: "2024-05-31" });
  });

  it("refuses, in one line with an example, a range that ends first or holds too many periods", () => {
    expect(() => trendRange({ ...spec, from: "2025-01-01", to: "2024-01-01" }, null, held, "2026-11-30")).toThrow(QueryError);
    expect(() => trendRange({ ...spec, from: "2000-01-01", to: null }, null, held, "2026-11-30")).toThrow(new RegExp(`at most ${MAX_PERIODS}.*e\\.g\\. tabled:`));
  });

  it("ends today when nothing is held", () => {
    expect(trendRange(spec, null, null, "2026-11-30").range).toEqual({ from: "2024-12-01", to: "2026-11-30" });
  });
});

describe("counting", () => {
  it("counts answers on or before their date for answer as on time, and leaves out what has no answer date", () => {
    expect(onTimeState(meta({ status: "answered", dateAnswered: "2026-01-10", dateForAnswer: "2026-01-10" }))).toBe("on-time");
    expect(onTimeState(meta({ status: "corrected", dateAnswered: "2026-01-11", dateForAnswer: "2026-01-10" }))).toBe("late");
    expect(onTimeState(meta({ status: "answered", dateAnswered: null, dateForAnswer: "2026-01-10" }))).toBe("not-counted");
    expect(onTimeState(meta({ status: "holding", dateAnswered: "2026-01-09", dateForAnswer: "2026-01-10" }))).toBe("not-counted");
    expect(onTimeState(meta({ status: "unanswered", dateForAnswer: "2020-01-10" }))).toBe("not-counted");
    expect(onTimeState(meta({ status: "answered", dateAnswered: "2026-01-10", dateForAnswer: null }))).toBe("not-counted");
  });

  it("puts each question in its period and department, and names the askers with most", () => {
    const { range, periods } = trendRange({ unit: "month", from: "2026-01-01", to: "2026-02-28" }, null, held, "2026-11-30");
    const metas = [
      meta({ id: "a", dateTabled: "2026-01-05", asker: "jim shannon" }),
      meta({ id: "b", dateTabled: "2026-01-31", bodyId: 1, asker: "jim shannon" }),
      meta({ id: "c", dateTabled: "2026-02-01", bodyId: null, asker: "helen morgan" }),
      meta({ id: "d", dateTabled: "2026-03-01", asker: "helen morgan" }),
    ];
    const counts = countTrend(metas, "month", range, periods, 5);
    expect(counts.periods.map((p) => [p.key, p.count, p.byBody])).toEqual([
      ["2026-01", 2, { "17": 1, "1": 1 }],
      ["2026-02", 1, { "": 1 }],
    ]);
    expect(counts.askers).toEqual([
      { key: "jim shannon", count: 2, sampleId: "a" },
      { key: "helen morgan", count: 1, sampleId: "c" },
    ]);
    expect(counts.total).toBe(3);
  });

  it("names the five departments with most questions and sums the rest as Other", () => {
    const byBody = { "17": 9, "1": 8, "14": 7, "11": 6, "60": 5, "29": 4, "": 3 };
    const trend = nameTrend("x", { unit: "month", from: "2026-01-01", to: "2026-01-31", periods: [{ key: "2026-01", from: "2026-01-01", to: "2026-01-31", count: 42, byBody }], askers: [], due: 0, onTime: 0, total: 42 }, new Map());
    expect(trend.departments).toEqual(["Department of Health and Social Care", "Home Office", "Treasury", "Ministry of Defence", "Department for Education", OTHER]);
    expect(trend.periods[0]!.byDepartment[OTHER]).toBe(7);
    expect(trend.answeredOnTime).toBeNull();
  });
});

describe("the trend as text and JSON", () => {
  it("draws a sparkline scaled from zero, a blank for an empty period", () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(" ▁▂▄█");
    expect(sparkline([5, 5])).toBe("██");
  });

  it("lists the last periods, the totals, the top askers and the on-time share", () => {
    const trend = fixedTrend();
    const text = trendText(trend);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`${sparkline(trend.periods.map((p) => p.count))}  2024-08 to 2026-07, by month`);
    for (const p of trend.periods.slice(-LAST_PERIODS)) expect(text).toContain(`  ${p.key}: ${p.count.toLocaleString("en-GB")} (most to `);
    expect(text).not.toContain(`  ${trend.periods.at(-LAST_PERIODS - 1)!.key}:`);
    expect(text).toContain(`Total: ${trend.total.toLocaleString("en-GB")} questions in 24 months`);
    expect(text).toContain("Top askers: Jim Shannon (Democratic Unionist Party) 41, Helen Morgan (Liberal Democrat) 17");
    expect(text).toContain("Answered on time: 62% (123 of 200 answers given by their date for answer)");
  });

  it("gives --json the issue's shape: months with counts by department, top askers, the on-time ratio", () => {
    const trend = fixedTrend();
    const json = trendJson(trend);
    expect(Object.keys(json)).toEqual(["query", "from", "to", "months", "topAskers", "answeredOnTime"]);
    expect(json.months).toEqual(trend.periods.map((p) => ({ month: p.key, count: p.count, byDepartment: p.byDepartment })));
    expect(json.topAskers).toEqual([{ name: "Jim Shannon", count: 41 }, { name: "Helen Morgan", count: 17 }]);
    expect(json.answeredOnTime).toBe(0.615);
    expect(Object.keys(trendJson({ ...trend, unit: "week" }))).toContain("weeks");
  });

  it("reads --from, --to and --by, and says what to type when they are wrong", () => {
    expect(trendDate("2024-02", "from")).toEqual({ ok: true, value: "2024-02-01" });
    expect(trendDate("2024-02", "to")).toEqual({ ok: true, value: "2024-02-29" });
    expect(trendDate("2024", "to")).toEqual({ ok: true, value: "2024-12-31" });
    expect(trendDate("2024-02-30", "from")).toEqual({ ok: false, message: "--from 2024-02-30 is not a real date, e.g. --from 2024-01" });
    expect(trendDate("last year", "to")).toEqual({ ok: false, message: "--to takes a day, a month or a year, e.g. --to 2025-12-31" });
    expect(trendUnit("Week")).toEqual({ ok: true, value: "week" });
    expect(trendUnit("day")).toEqual({ ok: false, message: "--by is month or week, e.g. --by week" });
  });
});
