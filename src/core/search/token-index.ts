import { Index } from "flexsearch";

/**
 * Where a token first stands in a question: the heading, the question text, or only further on
 * (the answer, the department, the members' names). Relevance weighs a term by it.
 */
export const HEADING = 0;
export const QUESTION = 1;
export const REST = 2;
export type Slot = typeof HEADING | typeof QUESTION | typeof REST;

/** A question's tokens (already encoded), field by field. */
export interface FieldTokens {
  heading: readonly string[];
  question: readonly string[];
  rest: readonly string[];
}

/** One token's postings: the documents whose first use of it is in each slot. */
export type Postings = readonly (readonly number[] | undefined)[];

// A document's tokens reach flexsearch as one space-joined string with an empty token between
// the fields (tokens never hold spaces: the encoder splits at anything not a letter or digit).
// flexsearch skips empty tokens but keeps their positions, so the score hook below finds the
// field of each token from where the two markers stand, and flexsearch files the token in that
// resolution slot. A token is filed once per document, at its first use: heading before question
// before the rest, which is exactly the field relevance wants.
const splitTokens = (text: string): string[] => text.split(" ");

let boundsOf: readonly string[] | null = null;
let headingEnd = 0;
let questionEnd = 0;
function slotOf(content: string[], _term: string, i: number): number {
  if (content !== boundsOf) {
    boundsOf = content;
    headingEnd = content.indexOf("");
    questionEnd = content.indexOf("", headingEnd + 1);
  }
  return i < headingEnd ? HEADING : i < questionEnd ? QUESTION : REST;
}

/**
 * flexsearch keeps its terms in a Map of term to resolution slots of document numbers; the
 * snapshot reads and restores that Map whole, which is many times faster than its JSON
 * export. Checked here so a flexsearch release that keeps them otherwise fails loudly (the
 * snapshot format names the flexsearch version, so no old file is misread).
 */
type TermMap = Map<string, number[][]>;
function termMap(index: Index): TermMap {
  const map = (index as unknown as { map?: unknown }).map;
  if (!(map instanceof Map)) throw new Error("flexsearch's Index no longer keeps its terms in .map: update token-index.ts");
  return map as TermMap;
}

/**
 * The text index: one flexsearch Index over every searchable word of every question, each
 * token's documents split in three slots by field. One index instead of one per field (all,
 * heading, question) holds each posting once and encodes each text once.
 */
export class TokenIndex {
  private readonly index = new Index({ tokenize: "strict", resolution: 3, encode: splitTokens, score: slotOf });

  add(n: number, fields: FieldTokens): void {
    this.index.add(n, [...fields.heading, "", ...fields.question, "", ...fields.rest].join(" "));
  }

  remove(n: number): void {
    this.index.remove(n);
  }

  /** The documents holding `token`, by slot; empty when none. Read only: these are flexsearch's own arrays. */
  postings(token: string): Postings {
    if (!token) return [];
    const found: unknown = this.index.search(token, { resolve: false });
    const result = (found as { result?: unknown }).result;
    return Array.isArray(result) ? (result as Postings) : [];
  }

  /** Every token with its postings, for the snapshot. */
  entries(): IterableIterator<[string, number[][]]> {
    return termMap(this.index).entries();
  }

  /** Restores tokens written by `entries()` (each token once, as a snapshot holds them). */
  restore(entries: Iterable<readonly [string, number[][]]>): void {
    const map = termMap(this.index);
    for (const [token, slots] of entries) map.set(token, slots);
  }
}
