import { resolveDepartment } from "../../model/departments.ts";
import type { QuestionStatus } from "../../model/question.ts";
import { dateRange, intersect } from "./query-dates.ts";
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  QueryError,
  emptyFilters,
  hasFilters,
  nodeKey,
  termKey,
  type Filters,
  type Group,
  type Node,
  type Query,
  type Sort,
  type Term,
} from "./query-types.ts";

export * from "./query-types.ts";

const STATUSES: readonly QuestionStatus[] = ["answered", "unanswered", "holding", "corrected", "withdrawn"];
/** `status:` values: the stored statuses, and `overdue`, which depends on the day the search runs. */
const STATUS_WORDS: readonly string[] = [...STATUSES, "overdue"];
const SORTS: readonly Sort[] = ["relevance", "newest", "oldest"];
const FILTER_KEYS = ["dept", "asker", "answerer", "house", "status", "tabled", "answered", "due", "named", "uin", "sort"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

type Token =
  | { type: "term"; negated: boolean; key: string | null; value: string; quoted: boolean }
  | { type: "open"; negated: boolean }
  | { type: "close" };

const OR_USAGE = "OR must stand between two words or phrases (not filters), e.g. nurses OR midwives";
const GROUP_EXAMPLE = "(nurses OR midwives) -agency dept:dhsc";

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = input.replace(/[“”]/g, '"');
  const ends = (c: string): boolean => /\s/.test(c) || c === "(" || c === ")";
  while (i < s.length) {
    if (/\s/.test(s[i]!)) {
      i++;
      continue;
    }
    if (s[i] === ")") {
      tokens.push({ type: "close" });
      i++;
      continue;
    }
    let negated = false;
    if (s[i] === "-" && i + 1 < s.length && !ends(s[i + 1]!)) {
      negated = true;
      i++;
    } else if (s[i] === "-" && s[i + 1] === "(") {
      negated = true;
      i++;
    }
    if (s[i] === "(") {
      tokens.push({ type: "open", negated });
      i++;
      continue;
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
      tokens.push({ type: "term", negated, key, value: s.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !ends(s[j]!)) j++;
    tokens.push({ type: "term", negated, key, value: s.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
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
      const s = value.toLowerCase();
      if (!STATUS_WORDS.includes(s)) throw new QueryError(`status: is one of ${STATUS_WORDS.join(", ")}, e.g. status:answered or status:overdue`);
      if (s === "overdue") filters.overdue = true;
      else filters.statuses.push(s as QuestionStatus);
      return null;
    }
    case "tabled":
    case "answered":
    case "due":
      filters[key] = intersect(filters[key], dateRange(value, key));
      return null;
    case "named": {
      const v = value.toLowerCase();
      const named = v === "yes" || v === "true" ? true : v === "no" || v === "false" ? false : null;
      if (named === null) throw new QueryError(`named: is yes or no (a named-day question or not), e.g. named:yes`);
      if (filters.named !== null && filters.named !== named) throw new QueryError(`named:yes and named:no together match nothing: keep one, e.g. named:yes`);
      filters.named = named;
      return null;
    }
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
    status: "status:answered", tabled: "tabled:2024-07", answered: "answered:>=2024-06-01", due: "due:<2024-07-01",
    named: "named:yes", uin: "uin:12345", sort: "sort:newest",
  };
  return examples[key];
}

const isWord = (t: Token | undefined, word: "OR" | "AND"): boolean =>
  t?.type === "term" && !t.quoted && !t.negated && t.key === null && t.value === word;

/** Words and brackets read into clauses; filters and sort go straight into the query. */
class Parser {
  private i = 0;
  private sortGiven = false;

  constructor(
    private readonly tokens: Token[],
    private readonly query: Query,
  ) {}

  parse(): void {
    const top = this.sequence(0);
    if (this.i < this.tokens.length) throw new QueryError(`A closing bracket has no opening one: pair them, e.g. ${GROUP_EXAMPLE}`);
    this.query.clauses = top.clauses;
    this.query.exclude = top.exclude;
    if (!this.sortGiven && top.clauses.length === 0) this.query.sort = "newest";
  }

  /** Items up to the end or the closing bracket of this depth. */
  private sequence(depth: number): Group {
    const group: Group = { kind: "group", clauses: [], exclude: [] };
    let items = 0;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.type === "close") {
        if (depth === 0) break;
        return group;
      }
      if (isWord(t, "AND")) {
        const next = this.tokens[this.i + 1];
        if (items === 0 || !next || next.type === "close" || isWord(next, "OR") || isWord(next, "AND"))
          throw new QueryError(`AND must stand between two words or phrases, e.g. nurses AND midwives`);
        this.i++;
        continue;
      }
      if (isWord(t, "OR")) throw new QueryError(OR_USAGE);
      if (t.type === "term" && t.key !== null) {
        if (depth > 0) throw new QueryError(`Filters go outside brackets, e.g. ${GROUP_EXAMPLE}`);
        this.filter(t.key, t.negated, t.value);
        this.i++;
        items++;
        continue;
      }
      this.item(group);
      items++;
    }
    if (depth > 0) throw new QueryError(`A bracket is not closed: close it, e.g. ${GROUP_EXAMPLE}`);
    return group;
  }

  private filter(key: string, negated: boolean, value: string): void {
    if (!(FILTER_KEYS as readonly string[]).includes(key))
      throw new QueryError(`Unknown filter "${key}:". Filters are ${FILTER_KEYS.map((k) => k + ":").join(" ")}, e.g. dept:dhsc`);
    if (negated) throw new QueryError(`Filters cannot be negated ("-${key}:"); exclude words instead, e.g. -prison`);
    if (isWord(this.tokens[this.i + 1], "OR")) throw new QueryError(OR_USAGE);
    const sort = applyFilter(this.query.filters, key as FilterKey, value);
    if (sort) {
      this.query.sort = sort;
      this.sortGiven = true;
    }
  }

  /** One term or bracket, with any terms OR joins to it, added to `group`. */
  private item(group: Group): void {
    const first = this.tokens[this.i]!;
    const negated = first.type !== "close" && first.negated;
    const alternatives: Node[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.type === "close" || isWord(t, "OR")) throw new QueryError(OR_USAGE);
      if (t.type === "term" && t.key !== null) throw new QueryError(OR_USAGE);
      if (alternatives.length > 0 && t.negated) throw new QueryError(`OR cannot join an excluded word, e.g. nurses OR midwives -agency`);
      alternatives.push(...this.primary());
      if (!isWord(this.tokens[this.i], "OR")) break;
      if (negated) throw new QueryError(`OR cannot join an excluded word: bracket them, e.g. -(agency OR locum)`);
      this.i++;
    }
    const unique = dedupe(alternatives);
    if (negated) {
      const node: Node = unique.length === 1 ? unique[0]! : { kind: "group", clauses: [unique], exclude: [] };
      if (!group.exclude.some((e) => nodeKey(e) === nodeKey(node))) group.exclude.push(node);
    } else addClause(group, unique);
  }

  /** A word, a phrase or a bracket; a bracket that is simply alternatives gives those alternatives. */
  private primary(): Node[] {
    const t = this.tokens[this.i]!;
    this.i++;
    if (t.type === "term") {
      if (isWord(t, "AND")) throw new QueryError(`AND must stand between two words or phrases, e.g. nurses AND midwives`);
      const term: Term = t.quoted ? { kind: "phrase", text: t.value.trim() } : { kind: "word", text: t.value };
      if (!term.text) throw new QueryError(`An empty phrase "" matches nothing: put words between the quotes, e.g. "human rights"`);
      return [term];
    }
    if (t.type === "close") throw new QueryError(`A closing bracket has no opening one: pair them, e.g. ${GROUP_EXAMPLE}`);
    const inner = this.sequence(1);
    this.i++; // the closing bracket
    if (inner.clauses.length === 0 && inner.exclude.length === 0)
      throw new QueryError(`Empty brackets match nothing: put words inside, e.g. ${GROUP_EXAMPLE}`);
    if (inner.clauses.length === 0) throw new QueryError(`Brackets need a word to exclude from, e.g. (nurses -agency) OR midwives`);
    if (inner.clauses.length === 1 && inner.exclude.length === 0) return inner.clauses[0]!;
    return [inner];
  }
}

function dedupe(nodes: Node[]): Node[] {
  const seen = new Map<string, Node>();
  for (const n of nodes) if (!seen.has(nodeKey(n))) seen.set(nodeKey(n), n);
  return [...seen.values()];
}

/** A clause joins the group unless an equal one is there already (a repeated word counts once). */
function addClause(group: Group, clause: Node[]): void {
  // A lone bracket of several clauses is just more clauses: AND is associative.
  if (clause.length === 1 && clause[0]!.kind === "group") {
    const inner = clause[0]!;
    for (const c of inner.clauses) addClause(group, c);
    for (const e of inner.exclude) if (!group.exclude.some((x) => nodeKey(x) === nodeKey(e))) group.exclude.push(e);
    return;
  }
  const key = clause.map(nodeKey).sort().join("|");
  if (!group.clauses.some((c) => c.map(nodeKey).sort().join("|") === key)) group.clauses.push(clause);
}

function countTerms(query: Query): number {
  const keys = new Set<string>();
  const visit = (n: Node): void => {
    if (n.kind === "group") {
      n.clauses.flat().forEach(visit);
      n.exclude.forEach(visit);
    } else keys.add(termKey(n));
  };
  query.clauses.flat().forEach(visit);
  query.exclude.forEach(visit);
  return keys.size;
}

/** Parses the query language of `/wq search`; a QueryError's message is one line with an example. */
export function parseQuery(input: string): Query {
  if (input.length > MAX_QUERY_CHARS)
    throw new QueryError(`That query is ${input.length} characters long; the limit is ${MAX_QUERY_CHARS}. Shorten it, e.g. "forced labour" dept:fcdo`);
  const query: Query = { clauses: [], exclude: [], filters: emptyFilters(), sort: "relevance" };
  new Parser(tokenize(input), query).parse();
  const terms = countTerms(query);
  if (terms > MAX_QUERY_TERMS)
    throw new QueryError(`That query has ${terms} different words and phrases; the limit is ${MAX_QUERY_TERMS}. Use fewer, e.g. (nurses OR midwives) pay`);
  if (query.clauses.length === 0 && !hasFilters(query.filters)) {
    if (query.exclude.length > 0) throw new QueryError(`Add a word or a filter to exclude from, e.g. nhs dentists -private`);
    throw new QueryError(`Type some words or a filter, e.g. search xinjiang, or search dept:dhsc status:holding`);
  }
  return query;
}
