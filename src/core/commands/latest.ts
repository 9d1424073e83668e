import type { Reply } from "../../model/reply.ts";
import { emptyFilters, type Query } from "../search/query.ts";
import { hitCards, parseOrExplain, searchOrExplain, type SearchDeps } from "./search.ts";

/**
 * A query as `latest` runs it: newest first, and only answers unless it names a status, since
 * questions still waiting are not news yet. Without a query, every answer.
 */
export function latestQuery(query: Query = { clauses: [], exclude: [], filters: emptyFilters(), sort: "newest" }): Query {
  const statuses = query.filters.statuses.length ? query.filters.statuses : (["answered", "holding", "corrected"] as const);
  return { ...query, sort: "newest", filters: { ...query.filters, statuses: [...statuses] } };
}

/** The newest answers, optionally only those matching a query. */
export async function latestCommand(deps: SearchDeps, count: number, text: string): Promise<Reply> {
  const parsed = text ? parseOrExplain(text) : { ok: true as const, query: undefined };
  if (!parsed.ok) return parsed.reply;
  const query = latestQuery(parsed.query);
  const searched = await searchOrExplain(deps, query, 0, count);
  if (!searched.ok) return searched.reply;
  const result = searched.result;
  const { cards, actions } = await hitCards(deps, query, result.hits.map((h) => h.id));
  return {
    kind: "results",
    title: cards.length ? `The ${cards.length} newest answer${cards.length === 1 ? "" : "s"}${text ? ` for ${text}` : ""}` : `No answers${text ? ` for ${text}` : ""} yet`,
    text: "",
    cards,
    actions,
    visibility: "private",
  };
}
