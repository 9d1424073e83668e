import { createInterface } from "node:readline";
import { parseOrExplain } from "./core/commands/search.ts";
import type { SearchEngine } from "./core/search/engine.ts";
import { QueryError } from "./core/search/query.ts";
import type { Question } from "./model/question.ts";
import { queryTokens, snippetOf } from "./core/search/snippet.ts";
import type { Store } from "./store/store.ts";

/** One result as `wq search --json` prints it. */
export function summaryOf(q: Question, snippet: string): Record<string, unknown> {
  return {
    id: q.id,
    uin: q.uin,
    house: q.house,
    heading: q.heading,
    dateTabled: q.dateTabled,
    dateAnswered: q.dateAnswered,
    answeringBodyId: q.answeringBody.id,
    answeringBodyName: q.answeringBody.name,
    askingMember: q.askingMember,
    answeringMember: q.answeringMember,
    url: q.url,
    snippet,
  };
}

export interface BatchLine {
  query: string;
  total: number;
  /** As in search --json: the total is estimated (a common phrase); present only then. */
  estimated?: true;
  results: Array<Record<string, unknown>>;
  error?: string;
}

/** One query's line: a bad query, or a failure on one, is that line's `error`, never the batch's end. */
export async function answerLine(deps: { store: Store; index: SearchEngine }, text: string, offset: number, limit: number): Promise<BatchLine> {
  const query = text.trim();
  if (!query) return { query: text, total: 0, results: [], error: "an empty line: write a query, e.g. xinjiang" };
  try {
    const parsed = parseOrExplain(query);
    if (!parsed.ok) return { query: text, total: 0, results: [], error: parsed.reply.text };
    const result = await deps.index.search(parsed.query, offset, limit);
    const questions = await deps.store.getQuestions(result.hits.map((h) => h.id));
    const tokens = queryTokens(parsed.query);
    const results = questions.map((q) => summaryOf(q, snippetOf(q, tokens).text));
    return result.estimated ? { query: text, total: result.total, estimated: true, results } : { query: text, total: result.total, results };
  } catch (e) {
    // A search stopped at its time budget says so in its own words; anything else is a failure.
    if (e instanceof QueryError) return { query: text, total: 0, results: [], error: e.message };
    return { query: text, total: 0, results: [], error: `the search failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * `wq search --batch`: one query a line from `input`, one JSON line out per query, in order, each
 * written as soon as it is answered, over one opened index.
 */
export async function runBatch(
  deps: { store: Store; index: SearchEngine },
  input: NodeJS.ReadableStream,
  out: (line: BatchLine) => void,
  page: { offset: number; limit: number },
): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    out(await answerLine(deps, line, page.offset, page.limit));
    n++;
  }
  return n;
}
