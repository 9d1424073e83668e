import type { Reply } from "../../model/reply.ts";
import { emptyFilters, type Query } from "../search/query.ts";
import { groupedEntries } from "../groups/grouped-answers.ts";
import { hitCards, parseOrExplain, searchOrExplain, type SearchDeps } from "./search.ts";

/** Hits read for `latest n`: a grouped answer takes several, and is one entry. */
const hitsFor = (count: number): number => Math.min(count * 4, 100);

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
  const searched = await searchOrExplain(deps, query, 0, hitsFor(count));
  if (!searched.ok) return searched.reply;
  const entries = await groupedEntries(deps.store, await deps.store.getQuestions(searched.result.hits.map((h) => h.id)), count);
  const { cards, actions } = await hitCards(deps, query, entries.map((e) => e.lead.id));
  const groups = new Map(entries.map((e) => [e.lead.id, e.field]));
  for (const card of cards) {
    const field = groups.get(card.id);
    if (field) card.fields.push(field);
  }
  return {
    kind: "results",
    title: cards.length ? `The ${cards.length} newest answer${cards.length === 1 ? "" : "s"}${text ? ` for ${text}` : ""}` : `No answers${text ? ` for ${text}` : ""} yet`,
    text: "",
    cards,
    actions,
    visibility: "private",
  };
}
