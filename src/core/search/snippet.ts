import type { Question } from "../../model/question.ts";
import { wantedTerms, type Query } from "./query.ts";
import { encode, nextWantedWord } from "./text.ts";

export interface Snippet {
  text: string;
  /** [start, end) of each matched word within `text`. */
  marks: Array<[number, number]>;
}

/** The index tokens a query looks for, to mark in snippets. */
export function queryTokens(query: Query): Set<string> {
  return new Set(wantedTerms(query).flatMap((t) => encode(t.text)));
}

function cutAt(text: string, start: number, end: number): { from: number; to: number } {
  // Widen to word boundaries so no word is cut in half.
  let from = Math.max(0, Math.floor(start));
  let to = Math.min(text.length, Math.ceil(end));
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  return { from, to };
}

/**
 * A window of about `width` characters around the first matched word of the question, else of
 * the answer, with every matched word in it marked. Without a match, the question's opening.
 */
export function snippetOf(q: Question, tokens: ReadonlySet<string>, width = 280): Snippet {
  const sources = [q.questionText, q.answerText ?? ""];
  for (const source of sources) {
    const first = nextWantedWord(source, tokens);
    if (!first) continue;
    const { from, to } = cutAt(source, first.start - width / 3, first.start + (width * 2) / 3);
    const prefix = from > 0 ? "…" : "";
    const suffix = to < source.length ? "…" : "";
    const body = source.slice(from, to).replace(/\s+/g, " ");
    const text = prefix + body + suffix;
    // Offsets are found again in the flattened text: whitespace runs were folded.
    const marks: Array<[number, number]> = [];
    for (let w = nextWantedWord(text, tokens); w; w = nextWantedWord(text, tokens, w.end)) marks.push([w.start, w.end]);
    return { text, marks };
  }
  const { to } = cutAt(q.questionText, 0, width);
  return { text: q.questionText.slice(0, to).replace(/\s+/g, " ") + (to < q.questionText.length ? "…" : ""), marks: [] };
}
