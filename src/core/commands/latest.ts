import type { Reply } from "../reply.ts";
import { emptyFilters } from "../search/query.ts";
import { hitCards, parseOrExplain, type SearchDeps } from "./search.ts";

/** The newest answers, optionally only those matching a query. */
export async function latestCommand(deps: SearchDeps, count: number, text: string): Promise<Reply> {
  const parsed = text ? parseOrExplain(text) : { ok: true as const, query: { clauses: [], exclude: [], filters: emptyFilters(), sort: "newest" as const } };
  if (!parsed.ok) return parsed.reply;
  const query = { ...parsed.query, sort: "newest" as const };
  // "Latest" means the newest answers: questions still waiting are not news yet.
  if (query.filters.statuses.length === 0) query.filters = { ...query.filters, statuses: ["answered", "holding", "corrected"] };
  const result = await deps.index.search(query, 0, count);
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
