import { Index } from "flexsearch";
import { decodeSlots, type EncodedSlots, type Slots } from "./postings-codec.ts";

/**
 * Where a token first stands in a question: the heading, the question text, or only further on
 * (the answer, the department, the members' names). Relevance weighs a term by it.
 */
export const HEADING = 0;
export const QUESTION = 1;
export const REST = 2;

/** A question's tokens (already encoded), field by field. */
export interface FieldTokens {
  heading: readonly string[];
  question: readonly string[];
  rest: readonly string[];
}

/** One token's postings: the documents whose first use of it is in each slot. */
export type Postings = readonly (ArrayLike<number> | undefined)[];

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
type TermMap = Map<string, Slots>;
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
  /** Whether any postings came from a snapshot (and may be Int32Arrays). */
  private restored = false;
  /** Tokens loaded from a snapshot and not yet needed: their postings still as stored. */
  private readonly encoded = new Map<string, EncodedSlots>();

  add(n: number, fields: FieldTokens): void {
    const tokens = [...fields.heading, "", ...fields.question, "", ...fields.rest];
    this.thaw(tokens);
    this.index.add(n, tokens.join(" "));
  }

  /** Hands flexsearch a loaded token's postings, decoded, the first time it is needed. */
  private decoded(token: string): void {
    const encoded = this.encoded.get(token);
    if (!encoded) return;
    this.encoded.delete(token);
    termMap(this.index).set(token, decodeSlots(encoded));
  }

  /**
   * Loaded postings are Int32Arrays (see postings-codec.ts); flexsearch adds a document by
   * pushing its number onto the token's slot array, so a loaded token about to be added to is
   * turned back into JS arrays first.
   */
  private thaw(tokens: readonly string[]): void {
    if (!this.restored) return;
    const map = termMap(this.index);
    for (const token of tokens) {
      if (!token) continue;
      this.decoded(token);
      const slots = map.get(token);
      if (!slots?.some((ids) => ids !== undefined && !Array.isArray(ids))) continue;
      map.set(token, slots.map((ids) => (ids === undefined ? ids : Array.from(ids))));
    }
  }

  /** The documents holding `token`, by slot; empty when none. Read only: these are flexsearch's own arrays. */
  postings(token: string): Postings {
    if (!token) return [];
    this.decoded(token);
    const found: unknown = this.index.search(token, { resolve: false });
    const result = (found as { result?: unknown }).result;
    return Array.isArray(result) ? (result as Postings) : [];
  }

  /** Every token with its postings, for the snapshot (loaded ones decoded one at a time, not kept). */
  *entries(): Generator<[string, Slots]> {
    // The names first: a search during a save may move a token from `encoded` into flexsearch.
    const map = termMap(this.index);
    for (const token of [...map.keys(), ...this.encoded.keys()]) {
      const encoded = this.encoded.get(token);
      const slots = encoded ? decodeSlots(encoded) : map.get(token);
      if (slots) yield [token, slots];
    }
  }

  /** Restores tokens written by `entries()`, still encoded (each token once, as a snapshot holds them). */
  restore(entries: Iterable<readonly [string, EncodedSlots]>): void {
    this.restored = true;
    for (const [token, encoded] of entries) this.encoded.set(token, encoded);
  }
}
