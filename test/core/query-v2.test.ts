import { describe, expect, it } from "vitest";
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, parseQuery } from "../../src/core/search/query.ts";
import { queryErrorOf } from "../helpers/query-error.ts";

const errorOf = queryErrorOf;

const word = (text: string) => ({ kind: "word", text });
const phrase = (text: string) => ({ kind: "phrase", text });

/** Query language v2 (issue 9): comparisons as GitHub search has them, brackets, AND, bounded size. */
describe("date comparisons", () => {
  it.each([
    // > and < leave the day, month or year itself out; >= and <= keep it.
    ["tabled:>2026-07-01", { from: "2026-07-02", to: null }],
    ["tabled:>=2026-07-01", { from: "2026-07-01", to: null }],
    ["tabled:<2026-07-01", { from: null, to: "2026-06-30" }],
    ["tabled:<=2026-07-01", { from: null, to: "2026-07-01" }],
    ["tabled:>2024-02", { from: "2024-03-01", to: null }],
    ["tabled:<2024-03", { from: null, to: "2024-02-29" }],
    ["tabled:>=2024-02", { from: "2024-02-01", to: null }],
    ["tabled:<=2024-02", { from: null, to: "2024-02-29" }],
    ["tabled:>2024", { from: "2025-01-01", to: null }],
    ["tabled:<2024", { from: null, to: "2023-12-31" }],
    ["tabled:>2024-12-31", { from: "2025-01-01", to: null }],
    ["tabled:<2024-01-01", { from: null, to: "2023-12-31" }],
    // a..b keeps both ends; a.. and ..b are open.
    ["tabled:2024-01-01..2024-03-31", { from: "2024-01-01", to: "2024-03-31" }],
    ["tabled:2024-01..2024-03", { from: "2024-01-01", to: "2024-03-31" }],
    ["tabled:2024-06..", { from: "2024-06-01", to: null }],
    ["tabled:..2024-06", { from: null, to: "2024-06-30" }],
  ])("%s covers %j", (input, range) => {
    expect(parseQuery(input).filters.tabled).toEqual(range);
  });

  it("applies the same comparisons to answered:", () => {
    expect(parseQuery("answered:>2026-07-01").filters.answered).toEqual({ from: "2026-07-02", to: null });
    expect(parseQuery("answered:<=2026-07-01").filters.answered).toEqual({ from: null, to: "2026-07-01" });
  });

  it("narrows two comparisons of one kind to what both allow", () => {
    expect(parseQuery("tabled:>=2024-01-01 tabled:<2024-02-01").filters.tabled).toEqual({ from: "2024-01-01", to: "2024-01-31" });
  });
});

describe("brackets and AND", () => {
  it("reads a bracket of alternatives as one clause", () => {
    const q = parseQuery("(nurses OR midwives) -agency dept:dhsc");
    expect(q.clauses).toEqual([[word("nurses"), word("midwives")]]);
    expect(q.exclude).toEqual([word("agency")]);
    expect(q.filters.departments[0]!.ids).toEqual([17]);
  });

  it("keeps a bracket of several words as a group inside an OR", () => {
    const q = parseQuery('(solar panels) OR "wind farms"');
    expect(q.clauses).toEqual([[{ kind: "group", clauses: [[word("solar")], [word("panels")]], exclude: [] }, phrase("wind farms")]]);
  });

  it("spreads a lone bracket of words into the query, exclusions too", () => {
    const q = parseQuery("(nhs dentists -private) waiting");
    expect(q.clauses).toEqual([[word("nhs")], [word("dentists")], [word("waiting")]]);
    expect(q.exclude).toEqual([word("private")]);
  });

  it("nests brackets", () => {
    const q = parseQuery("((a OR b) c) OR d");
    expect(q.clauses).toEqual([[{ kind: "group", clauses: [[word("a"), word("b")], [word("c")]], exclude: [] }, word("d")]]);
  });

  it("excludes a bracket of alternatives", () => {
    const q = parseQuery("nhs -(agency OR locum)");
    expect(q.exclude).toEqual([{ kind: "group", clauses: [[word("agency"), word("locum")]], exclude: [] }]);
  });

  it("takes AND as a joiner that changes nothing", () => {
    expect(parseQuery("nurses AND midwives")).toEqual(parseQuery("nurses midwives"));
    expect(parseQuery('(nurses AND pay) OR "junior doctors"').clauses).toEqual(parseQuery('(nurses pay) OR "junior doctors"').clauses);
    // Lower-case "and" is an ordinary (stop) word.
    expect(parseQuery("nurses and midwives").clauses).toHaveLength(3);
  });
});

describe("bounded size", () => {
  it("counts a repeated word or phrase once", () => {
    expect(parseQuery("nhs nhs NHS dentists nhs").clauses).toEqual([[word("nhs")], [word("dentists")]]);
    expect(parseQuery('"forced labour" OR "Forced Labour" OR uighur').clauses).toEqual([[phrase("forced labour"), word("uighur")]]);
    expect(parseQuery("a -b -b -B").exclude).toEqual([word("b")]);
  });

  it(`takes ${MAX_QUERY_TERMS} different terms, repeated ones free`, () => {
    const words = Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `w${i}`);
    expect(parseQuery(words.join(" ")).clauses).toHaveLength(MAX_QUERY_TERMS);
    expect(parseQuery([...words, ...words].join(" ")).clauses).toHaveLength(MAX_QUERY_TERMS);
  });

  it("takes a 300-character OR of 16 phrases (Discord's option limit)", () => {
    const phrases = Array.from({ length: 16 }, (_, i) => `"phrase number${i}"`);
    const q = phrases.join(" OR ");
    expect(q.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(parseQuery(q).clauses[0]).toHaveLength(16);
  });

  it("refuses 40 KB of one repeated word at once, naming the limit", () => {
    const m = errorOf("xinjiang ".repeat(4500));
    expect(m).toMatch(/limit is 500/);
    expect(m).not.toContain("\n");
  });
});

describe("mistakes", () => {
  it.each([
    ["x".repeat(MAX_QUERY_CHARS + 1), /501 characters long; the limit is 500/],
    [Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(" "), /25 different words and phrases; the limit is 24/],
    ["(nurses OR midwives", /bracket is not closed.*\(nurses OR midwives\)/],
    ["nurses OR midwives)", /closing bracket has no opening one/],
    [")", /closing bracket has no opening one/],
    ["()", /Empty brackets match nothing/],
    ["nhs (-agency)", /Brackets need a word to exclude from/],
    ["(dept:dhsc nurses)", /Filters go outside brackets/],
    ["AND nurses", /AND must stand between two words/],
    ["nurses AND", /AND must stand between two words/],
    ["nurses AND OR midwives", /AND must stand between two words|OR must stand between/],
    ["nurses OR AND midwives", /AND must stand between two words/],
    ["(nurses AND) midwives", /AND must stand between two words/],
    ["-nurses OR midwives", /OR cannot join an excluded word/],
    ["(nurses OR) midwives", /OR must stand between two words/],
    ["tabled:>", /tabled: takes a day, a month or a range/],
    ["tabled:>=yesterday", /tabled: takes a day, a month or a range/],
    ["tabled:<2024-13", /not a real month/],
    ["tabled:..", /tabled: takes a day, a month or a range/],
    ["answered:2024-02-30..", /not a real date/],
  ])("explains %j in one line with an example", (input, message) => {
    const m = errorOf(input);
    expect(m).toMatch(message);
    expect(m).not.toContain("\n");
    expect(m).toMatch(/e\.g\.|Example|as in/);
  });
});
