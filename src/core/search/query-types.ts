import type { House, QuestionStatus } from "../../model/question.ts";

export type Term = { kind: "word"; text: string } | { kind: "phrase"; text: string };

/** Bracketed terms that are not simply alternatives: `(a b)` inside an OR, or `-(a b)`. */
export interface Group {
  kind: "group";
  clauses: Node[][];
  exclude: Node[];
}

export type Node = Term | Group;

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
  /** `status:overdue`: an alternative among `statuses` (see core/lateness for the rule). */
  overdue: boolean;
  /** `due:`, the date for answer. */
  due: DateRange | null;
  /** `named:yes|no`, whether the question asks for an answer on a named day. */
  named: boolean | null;
  /**
   * The London day `status:overdue` is judged on; null: today when the search runs. A query is
   * parsed once and may run for days (a subscription's), so "today" is not fixed at parse time:
   * a caller with its own clock (a test, the overdue report) sets it.
   */
  asOf: string | null;
}

export type Sort = "relevance" | "newest" | "oldest";

/**
 * A parsed query: every clause must match, a clause matching when any of its nodes does (terms
 * joined by OR); no excluded node may match; every kind of filter must hold (several values of
 * one kind are alternatives). A group matches as a query of its own clauses and exclusions.
 */
export interface Query {
  clauses: Node[][];
  exclude: Node[];
  filters: Filters;
  sort: Sort;
}

export class QueryError extends Error {}

/** Longer queries are refused before any work: 40 KB of one word once took 45 s and 1 GB. */
export const MAX_QUERY_CHARS = 500;
/** Distinct words and phrases (a repeated one counts once). */
export const MAX_QUERY_TERMS = 24;

export function emptyFilters(): Filters {
  return {
    departments: [], askers: [], answerers: [], houses: [], statuses: [], tabled: null, answered: null, uins: [],
    overdue: false, due: null, named: null, asOf: null,
  };
}

export function hasFilters(f: Filters): boolean {
  return (
    f.departments.length + f.askers.length + f.answerers.length + f.houses.length + f.statuses.length + f.uins.length > 0 ||
    f.tabled !== null ||
    f.answered !== null ||
    f.overdue ||
    f.due !== null ||
    f.named !== null
  );
}

/** Every word and phrase a query looks for (not those it excludes), each once. */
export function wantedTerms(query: Pick<Query, "clauses">): Term[] {
  const out = new Map<string, Term>();
  const visit = (nodes: readonly Node[]): void => {
    for (const n of nodes) {
      if (n.kind === "group") n.clauses.forEach(visit);
      else out.set(termKey(n), n);
    }
  };
  query.clauses.forEach(visit);
  return [...out.values()];
}

/** Equal for nodes that match the same questions by their spelling (case aside). */
export function nodeKey(n: Node): string {
  if (n.kind !== "group") return termKey(n);
  return `(${n.clauses.map((c) => c.map(nodeKey).join("|")).join(" ")}${n.exclude.map((e) => ` -${nodeKey(e)}`).join("")})`;
}

export function termKey(t: Term): string {
  return t.kind === "phrase" ? `"${t.text.toLowerCase()}"` : t.text.toLowerCase();
}
