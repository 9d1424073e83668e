import { parseQuery, QueryError } from "../../src/core/search/query.ts";

/** The one-line message a query is refused with; fails the test when it parses. */
export function queryErrorOf(q: string): string {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof QueryError) return e.message;
    throw e;
  }
  throw new Error(`"${q}" parsed without error`);
}
