import { resolveDepartment } from "../model/departments.ts";
import type { House, QuestionStatus } from "../model/question.ts";

export type Term = { kind: "word"; text: string } | { kind: "phrase"; text: string };

/** A day range, both ends inclusive, as YYYY-MM-DD; an open end is null. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

export interface Filters {
  departments: { term: string; ids: number[] }[];
  askers: string[];
  answerers: string[];
  houses: House[];
  statuses: QuestionStatus[];
  tabled: DateRange | null;
  answered: DateRange | null;
  uins: string[];
}

export type Sort = "relevance" | "newest" | "oldest";

/**
 * A parsed query: every clause must match, a clause matching when any of its terms does (terms
 * joined by OR); no excluded term may match; every kind of filter must hold (several values of
 * one kind are alternatives).
 */
export interface Query {
  clauses: Term[][];
  exclude: Term[];
  filters: Filters;
  sort: Sort;
}

export class QueryError extends Error {}

const STATUSES: readonly QuestionStatus[] = ["answered", "unanswered", "holding", "corrected", "withdrawn"];
const SORTS: readonly Sort[] = ["relevance", "newest", "oldest"];
const FILTER_KEYS = ["dept", "asker", "answerer", "house", "status", "tabled", "answered", "uin", "sort"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function emptyFilters(): Filters {
  return { departments: [], askers: [], answerers: [], houses: [], statuses: [], tabled: null, answered: null, uins: [] };
}

export function hasFilters(f: Filters): boolean {
  return (
    f.departments.length + f.askers.length + f.answerers.length + f.houses.length + f.statuses.length + f.uins.length > 0 ||
    f.tabled !== null ||
    f.answered !== null
  );
}

interface Token {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = input.replace(/[“”]/g, '"');
  while (i < s.length) {
    if (/\s/.test(s[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (s[i] === "-" && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    // A pasted link is words, not a filter.
    const keyMatch = /^([a-zA-Z]+):(?!\/\/)/.exec(s.slice(i));
    if (keyMatch) {
      key = keyMatch[1]!.toLowerCase();
      i += keyMatch[0].length;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw new QueryError(`A quote is not closed: close it, as in "human rights".`);
      tokens.push({ negated, key, value: s.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    tokens.push({ negated, key, value: s.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo);
}

/** A day, month or year as the range of days it covers. */
function period(text: string, key: string): DateRange {
  if (DAY.test(text)) {
    if (!validDay(text)) throw new QueryError(`${key}:${text} is not a real date. Example: ${key}:2024-07-25`);
    return { from: text, to: text };
  }
  const month = MONTH.exec(text);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) throw new QueryError(`${key}:${text} is not a real month. Example: ${key}:2024-07`);
    return { from: `${text}-01`, to: `${text}-${String(lastDayOfMonth(y, m)).padStart(2, "0")}` };
  }
  if (YEAR.test(text)) return { from: `${text}-01-01`, to: `${text}-12-31` };
  throw new QueryError(
    `${key}: takes a day, a month or a range, e.g. ${key}:2024-07-25, ${key}:2024-07, ${key}:2024-01-01..2024-03-31, ${key}:>2024-06-01`,
  );
}

function dateRange(value: string, key: string): DateRange {
  if (value.startsWith(">=") || value.startsWith(">")) return { from: period(value.replace(/^>=?/, ""), key).from, to: null };
  if (value.startsWith("<=") || value.startsWith("<")) return { from: null, to: period(value.replace(/^<=?/, ""), key).to };
  const parts = value.split("..");
  if (parts.length === 2) {
    const from = parts[0] ? period(parts[0], key).from : null;
    const to = parts[1] ? period(parts[1], key).to : null;
    if (from && to && from > to) throw new QueryError(`${key}:${value} ends before it starts. Example: ${key}:2024-01-01..2024-03-31`);
    return { from, to };
  }
  return period(value, key);
}

function intersect(a: DateRange | null, b: DateRange): DateRange {
  if (!a) return b;
  const from = a.from && b.from ? (a.from > b.from ? a.from : b.from) : (a.from ?? b.from);
  const to = a.to && b.to ? (a.to < b.to ? a.to : b.to) : (a.to ?? b.to);
  return { from, to };
}

function applyFilter(filters: Filters, key: FilterKey, value: string): Sort | null {
  if (!value.trim()) throw new QueryError(`${key}: needs a value, e.g. ${example(key)}`);
  switch (key) {
    case "dept": {
      const ids = resolveDepartment(value);
      if (ids.length === 0)
        throw new QueryError(`No department matches "${value}". Try a name fragment (dept:health), an abbreviation (dept:dhsc) or an id (dept:17).`);
      filters.departments.push({ term: value, ids });
      return null;
    }
    case "asker":
      filters.askers.push(value.toLowerCase());
      return null;
    case "answerer":
      filters.answerers.push(value.toLowerCase());
      return null;
    case "house": {
      const h = value.toLowerCase();
      if (h !== "commons" && h !== "lords") throw new QueryError(`house: is commons or lords, e.g. house:lords`);
      filters.houses.push(h === "commons" ? "Commons" : "Lords");
      return null;
    }
    case "status": {
      const s = value.toLowerCase() as QuestionStatus;
      if (!STATUSES.includes(s)) throw new QueryError(`status: is one of ${STATUSES.join(", ")}, e.g. status:answered`);
      filters.statuses.push(s);
      return null;
    }
    case "tabled":
    case "answered":
      filters[key] = intersect(filters[key], dateRange(value, key));
      return null;
    case "uin":
      filters.uins.push(value.toUpperCase());
      return null;
    case "sort": {
      const s = value.toLowerCase() as Sort;
      if (!SORTS.includes(s)) throw new QueryError(`sort: is one of ${SORTS.join(", ")}, e.g. sort:newest`);
      return s;
    }
  }
}

function example(key: FilterKey): string {
  const examples: Record<FilterKey, string> = {
    dept: "dept:dhsc", asker: 'asker:"Jim Shannon"', answerer: "answerer:streeting", house: "house:commons",
    status: "status:answered", tabled: "tabled:2024-07", answered: "answered:>2024-06-01", uin: "uin:12345", sort: "sort:newest",
  };
  return examples[key];
}

/** Parses the query language of `/wq search`; a QueryError's message is one line with an example. */
export function parseQuery(input: string): Query {
  const query: Query = { clauses: [], exclude: [], filters: emptyFilters(), sort: "relevance" };
  const tokens = tokenize(input);
  let joinNext = false;
  let sortGiven = false;
  tokens.forEach((t, i) => {
    if (t.key !== null) {
      if (!(FILTER_KEYS as readonly string[]).includes(t.key))
        throw new QueryError(`Unknown filter "${t.key}:". Filters are ${FILTER_KEYS.map((k) => k + ":").join(" ")}, e.g. dept:dhsc`);
      if (t.negated) throw new QueryError(`Filters cannot be negated ("-${t.key}:"); exclude words instead, e.g. -prison`);
      if (joinNext) throw new QueryError(`OR joins words, not filters: "${input}". Example: nurses OR midwives`);
      const sort = applyFilter(query.filters, t.key as FilterKey, t.value);
      if (sort) {
        query.sort = sort;
        sortGiven = true;
      }
      return;
    }
    if (!t.quoted && t.value === "OR" && !t.negated) {
      const prev = query.clauses[query.clauses.length - 1];
      const next = tokens[i + 1];
      if (!prev || joinNext || !next || next.key !== null || next.negated || (!next.quoted && next.value === "OR"))
        throw new QueryError(`OR must stand between two words or phrases, e.g. nurses OR midwives`);
      joinNext = true;
      return;
    }
    const term: Term = t.quoted ? { kind: "phrase", text: t.value.trim() } : { kind: "word", text: t.value };
    if (!term.text) throw new QueryError(`An empty phrase "" matches nothing: put words between the quotes, e.g. "human rights"`);
    if (t.negated) {
      if (joinNext) throw new QueryError(`OR cannot join an excluded word, e.g. nurses OR midwives -agency`);
      query.exclude.push(term);
      return;
    }
    if (joinNext) {
      query.clauses[query.clauses.length - 1]!.push(term);
      joinNext = false;
    } else query.clauses.push([term]);
  });
  if (query.clauses.length === 0 && !hasFilters(query.filters)) {
    if (query.exclude.length > 0) throw new QueryError(`Add a word or a filter to exclude from, e.g. nhs dentists -private`);
    throw new QueryError(`Type some words or a filter, e.g. search xinjiang, or search dept:dhsc status:holding`);
  }
  if (!sortGiven && query.clauses.length === 0) query.sort = "newest";
  return query;
}
