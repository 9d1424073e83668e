import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchBudgetError, SearchIndex } from "../../../src/core/search/search-index.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { storeTexts } from "../../../src/core/search/store-texts.ts";
import { inlineChartRenderer } from "../../../src/core/trends/chart-renderer.ts";
import { trendReply } from "../../../src/core/trends/trend-reply.ts";
import type { Question } from "../../../src/model/question.ts";
import { seededCore, type SeededCore } from "../../helpers/core.ts";

let seeded: SeededCore;
const all: Question[] = [];
beforeAll(async () => {
  seeded = await seededCore();
  for await (const batch of seeded.store.allQuestions()) all.push(...batch);
});
afterAll(() => seeded.close());

const deps = () => ({ index: seeded.index, store: seeded.store, now: () => new Date("2026-11-28T12:00:00Z") });

describe("the trend reply", () => {
  it("carries the chart as a PNG with its alt text, and the numbers as text, for the channel", async () => {
    const reply = await trendReply({ ...deps(), charts: inlineChartRenderer }, "dept:fcdo");
    expect(reply).toMatchObject({ kind: "info", visibility: "public", title: expect.stringMatching(/^Trend for dept:fcdo: \d+ questions? tabled /) });
    expect(reply.text).toContain("Answered on time:");
    expect(reply.images).toHaveLength(1);
    const image = reply.images![0]!;
    expect(image).toMatchObject({ name: "trend.png", alt: expect.stringMatching(/^Bar chart of \d+ written questions matching dept:fcdo, by month tabled from /) });
    expect("base64" in image.png && Buffer.from(image.png.base64, "base64").subarray(1, 4).toString()).toBe("PNG");
  });

  it("keeps the numbers, saying so, when the chart cannot be drawn", async () => {
    const broken = { render: () => Promise.reject(new Error("the chart worker stopped")), close: async () => {} };
    const reply = await trendReply({ ...deps(), charts: broken }, "dept:fcdo");
    expect(reply.images).toEqual([]);
    expect(reply.text).toContain("Top askers:");
    expect(reply.text).toContain("The chart could not be drawn this time");
  });

  it("answers a bad query or range in one line with an example, and an empty trend privately, without a chart", async () => {
    expect(await trendReply({ ...deps(), charts: inlineChartRenderer }, "dept:nowhere")).toMatchObject({ kind: "error", text: expect.stringContaining("(dept:dhsc)") });
    expect(await trendReply({ ...deps(), charts: inlineChartRenderer }, "tabled:1990..2026")).toMatchObject({ kind: "error", text: expect.stringContaining("at most 156") });
    const empty = await trendReply({ ...deps(), charts: inlineChartRenderer }, "zzzxqy");
    expect(empty).toMatchObject({ kind: "info", visibility: "private", title: expect.stringMatching(/^No questions for zzzxqy/) });
    expect(empty.images).toBeUndefined();
  });
});

describe("counting a trend", () => {
  it("stops at its time budget with the search's one-line message", async () => {
    // A clock that moves a second at every look: the first check after the start is past the budget.
    let t = 0;
    const index = new SearchIndex(storeTexts(seeded.store), { now: () => (t += 1000) });
    index.upsert(all);
    await expect(index.trend(parseQuery('"foreign office" china'), { unit: "month", from: null, to: null, today: "2026-11-28", topAskers: 5 }, 1500)).rejects.toThrow(SearchBudgetError);
  });
});
