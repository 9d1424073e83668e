import { describe, expect, it } from "vitest";
import { parseQuery } from "../../src/core/search/query.ts";
import { queryErrorOf } from "../helpers/query-error.ts";

const errorOf = queryErrorOf;

describe("the query language", () => {
  it("reads words as clauses that must all match, sorted by relevance", () => {
    const q = parseQuery("nhs  dentists");
    expect(q.clauses).toEqual([[{ kind: "word", text: "nhs" }], [{ kind: "word", text: "dentists" }]]);
    expect(q.sort).toBe("relevance");
  });

  it("reads phrases, curly quotes included", () => {
    expect(parseQuery('"forced labour" china').clauses).toEqual([[{ kind: "phrase", text: "forced labour" }], [{ kind: "word", text: "china" }]]);
    expect(parseQuery("“forced labour”").clauses).toEqual([[{ kind: "phrase", text: "forced labour" }]]);
  });

  it("reads exclusions of words and phrases, but keeps hyphenated words whole", () => {
    const q = parseQuery('dentists -private -"waiting list" covid-19');
    expect(q.exclude).toEqual([{ kind: "word", text: "private" }, { kind: "phrase", text: "waiting list" }]);
    expect(q.clauses).toEqual([[{ kind: "word", text: "dentists" }], [{ kind: "word", text: "covid-19" }]]);
  });

  it("joins the terms either side of OR into one clause", () => {
    const q = parseQuery('nhs nurses OR midwives OR "health visitors"');
    expect(q.clauses).toEqual([
      [{ kind: "word", text: "nhs" }],
      [{ kind: "word", text: "nurses" }, { kind: "word", text: "midwives" }, { kind: "phrase", text: "health visitors" }],
    ]);
    // Lower-case "or" is an ordinary (stop) word, not the operator.
    expect(parseQuery("nurses or midwives").clauses).toHaveLength(3);
  });

  it("reads every filter", () => {
    const q = parseQuery('dept:fcdo asker:"Jim Shannon" answerer:lammy house:commons status:holding tabled:2024-07 answered:2024-01-01..2024-03-31 uin:hl123 sort:oldest');
    expect(q.filters.departments).toEqual([{ term: "fcdo", ids: [208] }]);
    expect(q.filters.askers).toEqual(["jim shannon"]);
    expect(q.filters.answerers).toEqual(["lammy"]);
    expect(q.filters.houses).toEqual(["Commons"]);
    expect(q.filters.statuses).toEqual(["holding"]);
    expect(q.filters.tabled).toEqual({ from: "2024-07-01", to: "2024-07-31" });
    expect(q.filters.answered).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(q.filters.uins).toEqual(["HL123"]);
    expect(q.sort).toBe("oldest");
  });

  it("reads days, months, years and open ranges", () => {
    expect(parseQuery("tabled:2024-02-29").filters.tabled).toEqual({ from: "2024-02-29", to: "2024-02-29" });
    expect(parseQuery("tabled:2024-02").filters.tabled).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(parseQuery("answered:2025").filters.answered).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    // Since query language v2, > and < leave the day (month, year) itself out.
    expect(parseQuery("answered:>2024-06-01").filters.answered).toEqual({ from: "2024-06-02", to: null });
    expect(parseQuery("answered:<2024-06").filters.answered).toEqual({ from: null, to: "2024-05-31" });
    expect(parseQuery("answered:2024-06..").filters.answered).toEqual({ from: "2024-06-01", to: null });
  });

  it("resolves departments by abbreviation, fragment and id, with their old names", () => {
    expect(parseQuery("dept:dhsc").filters.departments[0]!.ids).toEqual([17]);
    expect(parseQuery("dept:health").filters.departments[0]!.ids).toEqual([17]);
    expect(parseQuery("dept:17").filters.departments[0]!.ids).toEqual([17]);
    expect(parseQuery("dept:mhclg").filters.departments[0]!.ids).toEqual([7, 211]);
    expect(parseQuery('dept:"housing, communities"').filters.departments[0]!.ids.sort()).toEqual([211, 7].sort());
  });

  it("takes filters alone as a query, sorted newest first", () => {
    const q = parseQuery("dept:dhsc status:holding");
    expect(q.clauses).toEqual([]);
    expect(q.sort).toBe("newest");
  });

  it("treats a pasted link as words, not a filter", () => {
    expect(parseQuery("https://example.org/x").clauses).toHaveLength(1);
  });

  it.each([
    ["", /Type some words or a filter/],
    ["   ", /Type some words or a filter/],
    ["-private", /Add a word or a filter/],
    ['"forced labour', /quote is not closed/],
    ['""', /empty phrase/],
    ["foo:bar", /Unknown filter "foo:".*dept:dhsc/],
    ["dept:", /dept: needs a value, e\.g\. dept:dhsc/],
    ["dept:zzzz", /No department matches "zzzz"/],
    ["house:senate", /house: is commons or lords/],
    ["status:pending", /status: is one of answered, unanswered/],
    ["sort:random", /sort: is one of relevance, newest, oldest/],
    ["tabled:2024-13", /not a real month/],
    ["tabled:2023-02-29", /not a real date/],
    ["answered:yesterday", /answered: takes a day, a month or a range/],
    ["answered:2024-03-01..2024-01-01", /ends before it starts/],
    ["OR nurses", /OR must stand between two words/],
    ["nurses OR", /OR must stand between two words/],
    ["nurses OR OR midwives", /OR must stand between two words/],
    ["nurses OR dept:dhsc", /OR must stand between two words/],
    ["-dept:dhsc nurses", /Filters cannot be negated/],
  ])("explains %j in one line with an example", (input, message) => {
    const m = errorOf(input);
    expect(m).toMatch(message);
    expect(m).not.toContain("\n");
  });
});
