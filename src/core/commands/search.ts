import { z } from "zod";
import type { Store } from "../../store/store.ts";
import { errorReply, type Card, type Reply } from "../../model/reply.ts";
import { parseQuery, QueryError, type Query } from "../search/query.ts";
import type { SearchEngine } from "../search/engine.ts";
import { SearchBudgetError, type SearchResult } from "../search/search-index.ts";
import { queryTokens, snippetOf } from "../search/snippet.ts";
import { questionCard } from "./cards.ts";
import { defineCommand, fail, ok } from "./command.ts";
import { fullAction, shareAction } from "./show.ts";

export const PAGE_SIZE = 5;

export interface SearchDeps {
  store: Store;
  index: SearchEngine;
}

/** Parses a query, or says in one line what is wrong with it. */
export function parseOrExplain(text: string): { ok: true; query: Query } | { ok: false; reply: Reply } {
  try {
    return { ok: true, query: parseQuery(text) };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, reply: errorReply(e.message) };
    throw e;
  }
}

/** A search's page, or the one-line reply when it ran past its time budget. */
export async function searchOrExplain(deps: SearchDeps, query: Query, offset: number, limit: number): Promise<{ ok: true; result: SearchResult } | { ok: false; reply: Reply }> {
  try {
    return { ok: true, result: await deps.index.search(query, offset, limit) };
  } catch (e) {
    if (e instanceof SearchBudgetError) return { ok: false, reply: errorReply(e.message) };
    throw e;
  }
}

/** Cards for a page of hits, each with its "full answer" and "share" actions. */
export async function hitCards(deps: SearchDeps, query: Query, ids: string[]): Promise<Card[]> {
  const questions = await deps.store.getQuestions(ids);
  const tokens = queryTokens(query);
  return questions.map((q) => ({ ...questionCard(q, { snippet: snippetOf(q, tokens) }), actions: [fullAction(q.id), shareAction(q.id)] }));
}

export async function searchReply(deps: SearchDeps, text: string, page: number): Promise<Reply> {
  const parsed = parseOrExplain(text);
  if (!parsed.ok) return parsed.reply;
  const searched = await searchOrExplain(deps, parsed.query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (!searched.ok) return searched.reply;
  const result = searched.result;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (result.total === 0)
    return { kind: "results", title: `No results for ${text}`, text: "Try fewer words, another spelling, or fewer filters.", cards: [], actions: [], visibility: "private" };
  // An estimated total can promise pages that hold nothing.
  if (page > pages || (page > 1 && result.hits.length === 0))
    return errorReply(`There ${pages === 1 ? "is 1 page" : `are ${pages} pages`} of results for ${text}; page ${page} is past the end.`);
  const cards = await hitCards(deps, parsed.query, result.hits.map((h) => h.id));
  const actions: Reply["actions"] = [];
  if (page > 1) actions.push({ kind: "previous", label: "Previous", style: "default", effect: "replace", request: search.request({ query: text, page: page - 1 }) });
  if (page < pages) actions.push({ kind: "next", label: "Next", style: "default", effect: "replace", request: search.request({ query: text, page: page + 1 }) });
  const first = (page - 1) * PAGE_SIZE + 1;
  return {
    kind: "results",
    title: `${result.estimated ? "About " : ""}${result.total} result${result.total === 1 ? "" : "s"} for ${text}`,
    text: `Showing ${first}–${first + cards.length - 1}, page ${page} of ${pages}.`,
    cards,
    actions,
    visibility: "private",
  };
}

export const search = defineCommand({
  name: "search",
  aliases: ["find"],
  usage: "<query>",
  summary: "find questions; results show privately first, with a button to share one.",
  examples: ["xinjiang", '"forced labour" dept:fcdo answered:2024', "(nurses OR midwives) -agency status:answered sort:newest", '"free school meals" tabled:>=2025-01'],
  args: z.object({ query: z.string(), page: z.number().int().min(1) }),
  parse: (rest, typed) => (rest ? ok({ query: rest, page: 1 }) : fail(`Say what to search for, e.g. ${typed("search")} xinjiang`)),
  run: (args, deps) => searchReply(deps, args.query, args.page),
});
