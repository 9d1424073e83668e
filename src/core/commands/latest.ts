import { z } from "zod";
import type { Reply } from "../../model/reply.ts";
import { emptyFilters, type Query } from "../search/query.ts";
import { groupedEntries } from "../groups/grouped-answers.ts";
import { defineCommand, fail, ok } from "./command.ts";
import { hitCards, parseOrExplain, searchOrExplain, type SearchDeps } from "./search.ts";

/** What chat offers; a request (the command line's `wq latest 100`) may ask for up to MAX_LATEST_REQUEST. */
export const MAX_LATEST = 20;
export const MAX_LATEST_REQUEST = 100;
/** How many answers `latest` shows when no count is given, whichever platform asked. */
export const DEFAULT_LATEST = 5;

/** Hits read for `latest n`: a grouped answer takes several, and is one entry. */
const hitsFor = (count: number): number => Math.min(count * 4, 4 * MAX_LATEST_REQUEST);

/**
 * A query as `latest` runs it: newest first, and only answers unless it names a status, since
 * questions still waiting are not news yet. Without a query, every answer.
 */
export function latestQuery(query: Query = { clauses: [], exclude: [], filters: emptyFilters(), sort: "newest" }): Query {
  // status:overdue names a status too: latest status:overdue lists only the overdue.
  const named = query.filters.statuses.length > 0 || query.filters.overdue;
  const statuses = named ? query.filters.statuses : (["answered", "holding", "corrected"] as const);
  return { ...query, sort: "newest", filters: { ...query.filters, statuses: [...statuses] } };
}

/** The newest answers, optionally only those matching a query. */
export async function latestReply(deps: SearchDeps, count: number, text: string): Promise<Reply> {
  const parsed = text ? parseOrExplain(text) : { ok: true as const, query: undefined };
  if (!parsed.ok) return parsed.reply;
  const query = latestQuery(parsed.query);
  const searched = await searchOrExplain(deps, query, 0, hitsFor(count));
  if (!searched.ok) return searched.reply;
  // One entry per grouped answer, naming every UIN of the group.
  const entries = await groupedEntries(deps.store, await deps.store.getQuestions(searched.result.hits.map((h) => h.id)), count);
  const cards = await hitCards(deps, query, entries.map((e) => e.lead.id));
  const groups = new Map(entries.map((e) => [e.lead.id, e.field]));
  for (const card of cards) {
    const field = groups.get(card.id);
    if (field) card.fields.push(field);
  }
  return {
    count: { total: searched.result.total, estimated: searched.result.estimated === true, offset: 0 },
    kind: "results",
    title: cards.length ? `The ${cards.length} newest answer${cards.length === 1 ? "" : "s"}${text ? ` for ${text}` : ""}` : `No answers${text ? ` for ${text}` : ""} yet`,
    text: "",
    cards,
    actions: [],
    visibility: "private",
  };
}

export const latest = defineCommand({
  name: "latest",
  usage: "[n] [query]",
  summary: `the n newest answers (up to ${MAX_LATEST}), optionally matching a query.`,
  examples: ["10 dept:dhsc"],
  args: z.object({ count: z.number().int().min(1).max(MAX_LATEST_REQUEST), query: z.string() }),
  parse(rest, typed) {
    const m = /^(\d+)\b\s*(.*)$/.exec(rest);
    const count = m ? Number(m[1]) : DEFAULT_LATEST;
    if (count < 1 || count > MAX_LATEST) return fail(`latest shows 1 to ${MAX_LATEST} answers, e.g. ${typed("latest")} 10`);
    return ok({ count, query: (m ? m[2]! : rest).trim() });
  },
  run: (args, deps) => latestReply(deps, args.count, args.query),
});
