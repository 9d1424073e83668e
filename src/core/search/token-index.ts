import { Index } from "flexsearch";
import { decodeSlots, type EncodedSlots, type SlotParts, type Slots } from "./postings-codec.ts";

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

/**
 * One token's postings: per slot, the lists of documents whose first use of it is there (those
 * loaded from a snapshot, then those flexsearch took since).
 */
export type Postings = SlotParts;

/** Per slot, the loaded documents then the indexed ones (numbers all above them), empty runs left out. */
function postingsOf(loaded: Slots | undefined, indexed: Slots | undefined): Postings {
  return [HEADING, QUESTION, REST].map((s) => [loaded?.[s], indexed?.[s]].filter((ids): ids is ArrayLike<number> => ids !== undefined && ids.length > 0));
}

/**
 * A document's tokens as flexsearch takes them: one space-joined string with an empty token
 * between the fields (tokens never hold spaces: the encoder splits at anything not a letter or
 * digit). flexsearch skips empty tokens but keeps their positions, so the score hook below finds
 * the field of each token from where the two markers stand, and flexsearch files the token in
 * that resolution slot. A token is filed once per document, at its first use: heading before
 * question before the rest, which is exactly the field relevance wants.
 */
export function tokenLine(fields: FieldTokens): string {
  return [...fields.heading, "", ...fields.question, "", ...fields.rest].join(" ");
}

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
/** flexsearch's index as wq configures it: tokens already encoded, one resolution slot per field. */
const flexIndex = (): Index => new Index({ tokenize: "strict", resolution: 3, encode: splitTokens, score: slotOf });

/**
 * Questions flexsearch takes before its postings are moved into `loaded` as Int32Arrays, while
 * no snapshot's tokens are still encoded (building from the store). flexsearch keeps a posting as
 * an element of a growing JS array, 8 bytes and more; built whole at 815,000 questions that, with
 * the garbage the heap grows by meanwhile, peaked at 2.2 GB. Every 25,000 it peaked at 1.07 GB
 * (10,000: as low, but slower; 50,000: 1.2 GB; 100,000: 1.4 GB): a token's list is copied whole at
 * each compaction, while keeping the pieces apart instead cost more in typed arrays than it saved.
 */
export const COMPACT_EVERY = 25_000;

export class TokenIndex {
  /** flexsearch: questions indexed by this process since the last compaction (all of them, without a snapshot or one). */
  private index = flexIndex();
  private sinceCompaction = 0;

  constructor(private readonly compactEvery = COMPACT_EVERY) {}
  /** Tokens loaded from a snapshot and not yet needed: their postings still as stored. */
  private readonly encoded = new Map<string, EncodedSlots>();
  /**
   * Loaded tokens once needed, and tokens compacted while building, as Int32Arrays. They stay beside flexsearch rather than in it:
   * flexsearch adds a question by pushing onto a token's arrays, and turning the loaded arrays of
   * the common tokens back into JS arrays for that took seconds at the first sync at 815,000
   * questions (and doubled their memory). New questions' postings go to flexsearch; a search reads both.
   */
  private readonly loaded = new Map<string, Slots>();

  /** Document `n` with its tokens as tokenLine writes them. */
  add(n: number, line: string): void {
    this.index.add(n, line);
    if (++this.sinceCompaction >= this.compactEvery && this.encoded.size === 0) this.compact();
  }

  /**
   * Moves flexsearch's postings into `loaded`, each token's lists joined to what it held there
   * (whose numbers are all below the new ones), and starts flexsearch afresh. Only while no token
   * is still encoded: those would have to be decoded to be joined.
   */
  private compact(): void {
    for (const [token, slots] of termMap(this.index)) {
      const before = this.loaded.get(token);
      this.loaded.set(
        token,
        [HEADING, QUESTION, REST].map((s) => {
          const list = joined(before?.[s], slots[s]);
          return !list?.length ? undefined : list instanceof Int32Array ? list : Int32Array.from(list);
        }),
      );
    }
    this.index = flexIndex();
    this.sinceCompaction = 0;
  }

  /** A loaded token's postings, decoded the first time they are needed. */
  private loadedSlots(token: string): Slots | undefined {
    const encoded = this.encoded.get(token);
    if (encoded) {
      this.encoded.delete(token);
      this.loaded.set(token, decodeSlots(encoded));
    }
    return this.loaded.get(token);
  }

  /** flexsearch's postings of `token`, by slot (read only: these are its own arrays). */
  private indexed(token: string): Slots {
    const found: unknown = this.index.search(token, { resolve: false });
    const result = (found as { result?: unknown }).result;
    return Array.isArray(result) ? (result as Slots) : [];
  }

  /** The documents holding `token`, by slot; empty when none. */
  postings(token: string): Postings {
    if (!token) return [[], [], []];
    return postingsOf(this.loadedSlots(token), this.indexed(token));
  }

  /**
   * Every token with its postings, for the snapshot (loaded ones decoded one at a time, not kept).
   * Not joined: at the end of a build nearly every token has lists in both, and joining them
   * copied every posting once more just to write it. flexsearch's own lists are copied (the
   * questions since the last compaction, or since the snapshot was loaded): it pushes onto them,
   * and one added while the snapshot is written must not reach the file under a number the
   * file's questions do not have.
   */
  *entries(): Generator<[string, Postings]> {
    // The names first: a search during a save may move a token from `encoded` to `loaded`.
    const map = termMap(this.index);
    const names = new Set([...this.loaded.keys(), ...this.encoded.keys(), ...map.keys()]);
    for (const token of names) {
      const encoded = this.encoded.get(token);
      const indexed = map.get(token)?.map((ids) => (ids ? Array.from(ids) : ids));
      yield [token, postingsOf(encoded ? decodeSlots(encoded) : this.loaded.get(token), indexed)];
    }
  }

  /** Restores tokens written by `entries()`, still encoded (each token once, as a snapshot holds them). */
  restore(entries: Iterable<readonly [string, EncodedSlots]>): void {
    for (const [token, encoded] of entries) this.encoded.set(token, encoded);
  }
}

function joined(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): ArrayLike<number> | undefined {
  if (!a?.length) return b;
  if (!b?.length) return a;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
