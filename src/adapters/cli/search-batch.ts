/**
 * `wq search --batch`: one query a line from the input, one JSON line out per query, in order,
 * each written as soon as it is answered, over one core (one opened index).
 */
import { createInterface } from "node:readline";
import { searchData } from "../../core/index.ts";
import type { CliCore } from "./cli-core.ts";
import { searchJson, type ResultsJson } from "./render-results.ts";

export interface BatchLine extends Partial<ResultsJson> {
  query: string;
  total: number;
  results: Array<Record<string, unknown>>;
  error?: string;
}

/** One query's line: a bad query, or a failure on one, is that line's `error`, never the batch's end. */
export async function answerLine(cli: CliCore, text: string, offset: number, limit: number): Promise<BatchLine> {
  const query = text.trim();
  if (!query) return { query: text, total: 0, results: [], error: "an empty line: write a query, e.g. xinjiang" };
  try {
    const data = await searchData(cli.searching, query, offset, limit);
    // A refused query (bad, or stopped at its time budget) says so in its own words.
    return data.ok ? { query: text, ...searchJson(data) } : { query: text, total: 0, results: [], error: data.message };
  } catch (failure) {
    return { query: text, total: 0, results: [], error: `the search failed: ${failure instanceof Error ? failure.message : String(failure)}` };
  }
}

export async function runBatch(cli: CliCore, input: NodeJS.ReadableStream, out: (line: BatchLine) => void, page: { offset: number; limit: number }): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    out(await answerLine(cli, line, page.offset, page.limit));
    n++;
  }
  return n;
}
