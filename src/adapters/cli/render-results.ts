/**
 * A page of results (search, latest) as the command line prints it: JSON in the documented shape
 * (`{total, estimated?, results: [...]}`), or numbered text lines: from a Reply's cards and count
 * (latest, and search as text), or from the core's searchData (search --json and --batch).
 */
import type { Hit, SearchData } from "../../core/index.ts";
import { questionSummary, type Card, type Reply } from "../../model/reply.ts";

/** One result as `wq latest --json` prints it: the question's data and its snippet. */
export function resultJson(card: Card): Record<string, unknown> {
  return { ...(card.record ?? { id: card.id, heading: card.title, url: card.url }), snippet: card.body };
}

/** One result as `wq search --json` prints it: what its card would carry as record and body. */
export function hitJson(hit: Hit): Record<string, unknown> {
  return { ...questionSummary(hit.question), snippet: hit.snippet.text };
}

export interface ResultsJson {
  total: number;
  /** The total is estimated (a common phrase); present only then. */
  estimated?: true;
  results: Array<Record<string, unknown>>;
}

export function resultsJson(reply: Reply): ResultsJson {
  const results = reply.cards.map(resultJson);
  return pageJson(reply.count?.total ?? results.length, reply.count?.estimated === true, results);
}

/** A search's page (searchData) in the same shape. */
export function searchJson(data: Extract<SearchData, { ok: true }>): ResultsJson {
  return pageJson(data.total, data.estimated, data.hits.map(hitJson));
}

function pageJson(total: number, estimated: boolean, results: ResultsJson["results"]): ResultsJson {
  return estimated ? { total, estimated: true, results } : { total, results };
}

/** `12 results for xinjiang`, then each result: heading (date/UIN, department), snippet, link. */
export function searchLines(reply: Reply, query: string): string[] {
  const total = reply.count?.total ?? reply.cards.length;
  const offset = reply.count?.offset ?? 0;
  const lines = [`${reply.count?.estimated ? "about " : ""}${total} result${total === 1 ? "" : "s"} for ${query}`];
  reply.cards.forEach((c, i) => {
    const r = c.record;
    const where = r ? ` (${r.dateTabled}${r.uin ? `/${r.uin}` : ""}, ${r.answeringBodyName})` : "";
    lines.push(`\n${offset + i + 1}. ${r?.heading ?? c.title}${where}\n   ${c.body}\n   ${c.url}`);
  });
  return lines;
}

/** Each newest answer: date answered, heading (department), link. */
export function latestLines(reply: Reply): string[] {
  return reply.cards.map((c, i) => {
    const r = c.record;
    return `${i + 1}. ${r?.dateAnswered ?? ""} ${r?.heading ?? c.title} (${r?.answeringBodyName ?? ""})\n   ${c.url}`;
  });
}
