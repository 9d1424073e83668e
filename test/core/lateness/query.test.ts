import { describe, expect, it } from "vitest";
import { latestQuery } from "../../../src/core/commands/latest.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { queryErrorOf } from "../../helpers/query-error.ts";

describe("lateness in the query language", () => {
  it("reads status:overdue as one more status to choose among", () => {
    const q = parseQuery("status:overdue");
    expect(q.filters.overdue).toBe(true);
    expect(q.filters.statuses).toEqual([]);
    // Not judged at parse time: a subscription's query is parsed once and runs for days.
    expect(q.filters.asOf).toBeNull();
    expect(parseQuery("status:holding status:overdue").filters).toMatchObject({ overdue: true, statuses: ["holding"] });
  });

  it("keeps latest status:overdue to the overdue (latest adds the answer statuses only when none is named)", () => {
    expect(latestQuery(parseQuery("status:overdue")).filters).toMatchObject({ overdue: true, statuses: [] });
    expect(latestQuery(parseQuery("dept:dhsc")).filters).toMatchObject({ overdue: false, statuses: ["answered", "holding", "corrected"] });
  });

  it("reads due: with the date syntax of tabled:", () => {
    expect(parseQuery("due:2025-07-22").filters.due).toEqual({ from: "2025-07-22", to: "2025-07-22" });
    expect(parseQuery("due:2025-07").filters.due).toEqual({ from: "2025-07-01", to: "2025-07-31" });
    expect(parseQuery("due:<2025-07-01").filters.due).toEqual({ from: null, to: "2025-06-30" });
    expect(parseQuery("due:>=2025-07-01").filters.due).toEqual({ from: "2025-07-01", to: null });
    expect(parseQuery("due:2025-01-01..2025-03-31 due:2025-02").filters.due).toEqual({ from: "2025-02-01", to: "2025-02-28" });
  });

  it("reads named:yes and named:no", () => {
    expect(parseQuery("named:yes").filters.named).toBe(true);
    expect(parseQuery("named:NO dept:dhsc").filters.named).toBe(false);
    expect(parseQuery("china").filters.named).toBeNull();
  });

  it("refuses their mistakes in one line with an example", () => {
    const mistakes = {
      "status:late": "status: is one of answered, unanswered, holding, corrected, withdrawn, overdue, e.g. status:answered or status:overdue",
      "due:July": "due: takes a day, a month or a range, e.g. due:2024-07-25, due:2024-07, due:2024-01-01..2024-03-31, due:>=2024-06-01",
      "due:2025-02-30": "due:2025-02-30 is not a real date. Example: due:2024-07-25",
      "due:2025-03..2025-01": "due:2025-03..2025-01 ends before it starts. Example: due:2024-01-01..2024-03-31",
      "named:maybe": "named: is yes or no (a named-day question or not), e.g. named:yes",
      "named:yes named:no": "named:yes and named:no together match nothing: keep one, e.g. named:yes",
      "named:": "named: needs a value, e.g. named:yes",
      "due:": "due: needs a value, e.g. due:<2024-07-01",
    };
    for (const [query, message] of Object.entries(mistakes)) {
      const got = queryErrorOf(query);
      expect(got, query).toBe(message);
      expect(got.includes("\n"), query).toBe(false);
    }
  });
});
