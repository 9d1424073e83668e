import { z } from "zod";
import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import { errorReply, type Card, type Reply } from "../../model/reply.ts";
import { parseQuery, QueryError, type Query } from "../search/query.ts";
import type { SearchEngine } from "../search/engine.ts";
import { SearchBudgetError, type SearchResult } from "../search/search-index.ts";
import { queryTokens, snippetOf, type Snippet } from "../search/snippet.ts";
import { todayOf } from "../lateness/today.ts";
import { questionCard } from "./cards.ts";
import { defineCommand, fail, ok } from "./command.ts";
import { fullAction, shareAction } from "./show.ts";
import { watchAction } from "./watch.ts";

export const PAGE_SIZE = 5;
/** The most results one request may ask for, and the furthest it may start (the command line's bounds). */
export const MAX_LIMIT = 10_000;
export const MAX_OFFSET = 10_000_000;
const Window = z.object({ limit: z.number().int().min(0).max(MAX_LIMIT), offset: z.number().int().min(0).max(MAX_OFFSET) });

export interface SearchDeps {
  store: Store;
  index: SearchEngine;
  /** The clock status:overdue and the cards' lateness go by (its London day); the real one when absent. */
  now?: () => Date;
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
    // "Today" for status:overdue is the command's clock, not the worker's.
    const dated = query.filters.asOf ? query : { ...query, filters: { ...query.filters, asOf: todayOf(deps) } };
    return { ok: true, result: await deps.index.search(dated, offset, limit) };
  } catch (e) {
    if (e instanceof SearchBudgetError) return { ok: false, reply: errorReply(e.message) };
    throw e;
  }
}

/** One result: the question and its snippet, what a result card is made of. */
export interface Hit {
  question: Question;
  snippet: Snippet;
}

/** The questions of a page of hits, in the order of `ids`, each with its snippet. */
async function pageHits(deps: SearchDeps, query: Query, ids: string[]): Promise<Hit[]> {
  if (ids.length === 0) return [];
  const questions = await deps.store.getQuestions(ids);
  const tokens = queryTokens(query);
  return questions.map((question) => ({ question, snippet: snippetOf(question, tokens) }));
}

/** Cards for a page of hits, each with its "full answer" and "share" actions. */
export async function hitCards(deps: SearchDeps, query: Query, ids: string[]): Promise<Card[]> {
  const today = todayOf(deps);
  return (await pageHits(deps, query, ids)).map(({ question: q, snippet }) => ({ ...questionCard(q, { snippet }, today), actions: [fullAction(q.id), shareAction(q.id), watchAction(q.id)] }));
}

/** Parse and search: the query with its page of index hits, or the one-line reply saying why not. */
async function queried(deps: SearchDeps, text: string, offset: number, limit: number): Promise<{ ok: true; query: Query; result: SearchResult } | { ok: false; reply: Reply }> {
  const parsed = parseOrExplain(text);
  if (!parsed.ok) return parsed;
  const searched = await searchOrExplain(deps, parsed.query, offset, limit);
  return searched.ok ? { ok: true, query: parsed.query, result: searched.result } : searched;
}

/** A search as data: the total and the page from `offset`, or why the query was refused (one line). */
export type SearchData = { ok: false; message: string } | { ok: true; total: number; estimated: boolean; hits: Hit[] };

/**
 * The search command's page as data rather than cards, for output that is data (the command
 * line's --json and --batch): the same parse, search and snippets as searchReply, without the
 * cards' wording and buttons, which were a quarter of a batch query's time. It runs no command,
 * so a permission or an `unavailable` given to `search` would have to be checked here too.
 */
export async function searchData(deps: SearchDeps, text: string, offset: number, limit: number): Promise<SearchData> {
  if (!Window.safeParse({ offset, limit }).success)
    return { ok: false, message: `A page starts at 0 to ${MAX_OFFSET.toLocaleString("en-GB")} and holds 0 to ${MAX_LIMIT.toLocaleString("en-GB")} results.` };
  const found = await queried(deps, text, offset, limit);
  if (!found.ok) return { ok: false, message: found.reply.text };
  const { total, estimated, hits } = found.result;
  return { ok: true, total, estimated: estimated === true, hits: await pageHits(deps, found.query, hits.map((h) => h.id)) };
}

/**
 * A page of results. Chat pages by number, PAGE_SIZE a page, with Previous and Next; the command
 * line asks for any `limit` from any `offset` and gets no paging actions.
 */
export async function searchReply(deps: SearchDeps, text: string, page: number, window: { limit?: number; offset?: number } = {}): Promise<Reply> {
  const limit = window.limit ?? PAGE_SIZE;
  const offset = window.offset ?? (page - 1) * limit;
  const found = await queried(deps, text, offset, limit);
  if (!found.ok) return found.reply;
  const result = found.result;
  const count = { total: result.total, estimated: result.estimated === true, offset };
  const pages = Math.max(1, Math.ceil(result.total / limit));
  if (result.total === 0)
    return { kind: "results", title: `No results for ${text}`, text: "Try fewer words, another spelling, or fewer filters.", cards: [], actions: [], visibility: "private", count };
  const paged = window.offset === undefined;
  // An estimated total can promise pages that hold nothing.
  if (paged && (page > pages || (page > 1 && result.hits.length === 0)))
    return errorReply(`There ${pages === 1 ? "is 1 page" : `are ${pages} pages`} of results for ${text}; page ${page} is past the end.`);
  const cards = await hitCards(deps, found.query, result.hits.map((h) => h.id));
  const actions: Reply["actions"] = [];
  const size = limit === PAGE_SIZE ? {} : { limit };
  if (paged && page > 1) actions.push({ kind: "previous", label: "Previous", style: "default", effect: "replace", request: search.request({ query: text, page: page - 1, ...size }) });
  if (paged && page < pages) actions.push({ kind: "next", label: "Next", style: "default", effect: "replace", request: search.request({ query: text, page: page + 1, ...size }) });
  const first = offset + 1;
  return {
    count,
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
  args: z.object({
    query: z.string(),
    page: z.number().int().min(1),
    /** Results a page (PAGE_SIZE when absent); the command line's --limit. */
    limit: Window.shape.limit.optional(),
    /** Where the page starts, instead of `page`; the command line's --offset. */
    offset: Window.shape.offset.optional(),
  }),
  parse: (rest, typed) => (rest ? ok({ query: rest, page: 1 }) : fail(`Say what to search for, e.g. ${typed("search")} xinjiang`)),
  run: (args, deps) => searchReply(deps, args.query, args.page, args),
});
