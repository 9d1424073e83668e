import { Document } from "flexsearch";
import type { Question } from "../model/question.ts";
import { indexedDoc, metaOf, recency, type DocMeta, type IndexedDoc } from "./documents.ts";
import { passes } from "./filters.ts";
import { hasFilters, type Query, type Term } from "./query.ts";
import { canonicalSpelling, encode, encoder, wordsOf } from "./text.ts";

export interface Hit {
  id: string;
  score: number;
}

/**
 * One piece of a snapshot: a question's filter fields, or one chunk of flexsearch's own export
 * (flexsearch cuts its export into bounded chunks, so no piece is a giant string).
 */
export type SnapshotItem = { kind: "docs"; metas: DocMeta[] } | { kind: "part"; key: string; data: string };

/** Questions per "docs" piece: one parse and one await per thousands, not per question. */
const DOCS_PER_PIECE = 2000;

export interface SearchResult {
  total: number;
  hits: Hit[];
}

/** Reads the full texts a phrase must be checked against (the index keeps no texts). */
export type TextSource = (ids: readonly string[]) => Promise<Map<string, string>>;

/** flexsearch's own limit on results; ours is the whole collection. */
const ALL = 1_000_000;

/** Field weights for relevance: a word in the heading counts most, in the answer alone least. */
const WEIGHT = { heading: 4, question: 2, all: 1 } as const;

/**
 * The search index: flexsearch over the text, with each question's filter fields held beside it.
 * Relevance and filters are ours: flexsearch gives no score and no totals.
 */
export class SearchIndex {
  private readonly docs: DocMeta[] = [];
  private readonly byId = new Map<string, number>();
  private order: Int32Array | null = null;
  private readonly index = new Document<IndexedDoc>({
    document: {
      id: "n",
      index: [
        { field: "all", tokenize: "strict", encoder, resolution: 1 },
        { field: "heading", tokenize: "strict", encoder, resolution: 1 },
        { field: "question", tokenize: "strict", encoder, resolution: 1 },
      ],
    },
  });

  constructor(private readonly texts: TextSource) {}

  /**
   * Everything needed to rebuild this index without re-reading the store (see snapshot-file.ts),
   * handed out piece by piece: `write` may return a promise to hold the next piece back until the
   * last one is written, so a snapshot never sits whole in memory.
   */
  async snapshot(write: (item: SnapshotItem) => void | Promise<void>): Promise<void> {
    for (let i = 0; i < this.docs.length; i += DOCS_PER_PIECE) await write({ kind: "docs", metas: this.docs.slice(i, i + DOCS_PER_PIECE) });
    await this.index.export((key: string, data: string) => write({ kind: "part", key, data }));
  }

  /** An index as `snapshot()` handed it out, read piece by piece. */
  static async restore(items: AsyncIterable<SnapshotItem>, texts: TextSource): Promise<SearchIndex> {
    const index = new SearchIndex(texts);
    for await (const item of items) {
      if (item.kind === "part") await index.index.import(item.key, item.data);
      else
        for (const meta of item.metas) {
          index.byId.set(meta.id, index.docs.length);
          index.docs.push(meta);
        }
    }
    return index;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds new questions and re-indexes changed ones: what a sync or import hands over. */
  upsert(questions: readonly Question[]): void {
    if (questions.length) this.order = null;
    for (const q of questions) {
      const existing = this.byId.get(q.id);
      const n = existing ?? this.docs.length;
      this.docs[n] = metaOf(q);
      if (existing === undefined) {
        this.byId.set(q.id, n);
        this.index.add(indexedDoc(n, q));
      } else this.index.update(indexedDoc(n, q));
    }
  }

  meta(id: string): DocMeta | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.docs[n];
  }

  private ids(field: keyof typeof WEIGHT, text: string): Set<number> {
    if (encode(text).length === 0) return new Set();
    const result = this.index.search(canonicalSpelling(text), { index: field, limit: ALL });
    const ids = result[0]?.result ?? [];
    return new Set(ids as number[]);
  }

  /**
   * Documents that contain a word or phrase; a phrase's words must stand together in order.
   * `within`, when given, limits the phrase check (the costly part) to those documents.
   */
  private async termIds(term: Term, within: ReadonlySet<number> | null): Promise<Set<number>> {
    const candidates = this.ids("all", term.text);
    if (term.kind === "word" || candidates.size === 0) return candidates;
    const wanted = encode(term.text);
    if (wanted.length <= 1) return candidates;
    const list = within ? [...candidates].filter((n) => within.has(n)) : [...candidates];
    const texts = await this.texts(list.map((n) => this.docs[n]!.id));
    return new Set(list.filter((n) => containsSequence(texts.get(this.docs[n]!.id) ?? "", wanted)));
  }

  private fieldScore(n: number, termSets: Array<{ heading: Set<number>; question: Set<number> }>): number {
    let score = 0;
    for (const t of termSets) score += t.heading.has(n) ? WEIGHT.heading : t.question.has(n) ? WEIGHT.question : WEIGHT.all;
    return score;
  }

  /** Runs a parsed query; `total` counts every match, `hits` holds the slice asked for. */
  async search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    // Filters are cheap and often narrow: apply them first so phrases are checked on fewer texts.
    const filtered = hasFilters(query.filters)
      ? new Set(this.docs.flatMap((m, n) => (passes(m, query.filters) ? [n] : [])))
      : null;
    let matched = filtered as Set<number> | null;
    const termSets: Array<{ heading: Set<number>; question: Set<number> }> = [];
    for (const clause of query.clauses) {
      const clauseIds = new Set<number>();
      for (const term of clause) {
        for (const n of await this.termIds(term, matched)) clauseIds.add(n);
        if (query.sort === "relevance") termSets.push({ heading: this.ids("heading", term.text), question: this.ids("question", term.text) });
      }
      matched = matched === null ? clauseIds : new Set([...matched].filter((n) => clauseIds.has(n)));
      if (matched.size === 0) break;
    }
    let candidates: number[] = matched === null ? this.docs.map((_, n) => n) : [...matched];
    for (const term of query.exclude) {
      if (candidates.length === 0) break;
      const out = await this.termIds(term, new Set(candidates));
      candidates = candidates.filter((n) => !out.has(n));
    }

    return this.page(candidates, query.sort === "relevance" ? (n) => this.fieldScore(n, termSets) : () => 0, query.sort === "oldest", offset, limit);
  }

  /** Every document, newest first (ties: the later indexed first); kept until the next upsert. */
  private newestOrder(): Int32Array {
    if (this.order) return this.order;
    const order = Int32Array.from(this.docs.keys());
    const keys = this.docs.map((m) => recency(m));
    order.sort((a, b) => (keys[a]! < keys[b]! ? 1 : keys[a]! > keys[b]! ? -1 : b - a));
    this.order = order;
    return order;
  }

  /**
   * The slice [offset, offset + limit) of the candidates by score (highest first), then date.
   * Walking one precomputed date order and dropping each candidate into its score's bucket avoids
   * sorting tens of thousands of results for every query.
   */
  private page(candidates: number[], score: (n: number) => number, oldestFirst: boolean, offset: number, limit: number): SearchResult {
    // Scores are small whole numbers; -1 marks a document that is not a candidate.
    const scores = new Int32Array(this.docs.length).fill(-1);
    for (const n of candidates) scores[n] = score(n);
    const buckets = new Map<number, number[]>();
    const order = this.newestOrder();
    const want = offset + limit;
    for (let i = 0; i < order.length; i++) {
      const n = order[oldestFirst ? order.length - 1 - i : i]!;
      const s = scores[n]!;
      if (s < 0) continue;
      const bucket = buckets.get(s);
      if (!bucket) buckets.set(s, [n]);
      else if (bucket.length < want) bucket.push(n);
    }
    const ranked = [...buckets.keys()].sort((a, b) => b - a).flatMap((s) => buckets.get(s)!);
    return {
      total: candidates.length,
      hits: ranked.slice(offset, want).map((n) => ({ id: this.docs[n]!.id, score: scores[n]! })),
    };
  }
}

/**
 * Whether the text's word tokens contain `wanted` as a run (stop words dropped on both sides).
 * Tokenising a whole answer is the slow part, so only the stretches that start where a word
 * begins with the first token's opening letters are tokenised (a suffix stemmer keeps those);
 * when no such word is found, or the token is too short to tell, the whole text is.
 */
function containsSequence(text: string, wanted: readonly string[]): boolean {
  const first = wanted[0]!;
  const whole = (): boolean => runIn(wordsOf(text).map((w) => w.token), wanted);
  if (first.length < 3) return whole();
  const lower = canonicalSpelling(text).toLowerCase();
  const starts = new RegExp(`(?<![\\p{L}\\p{N}])${first.slice(0, 3).replace(/[^\p{L}\p{N}]/gu, "\\$&")}`, "gu");
  const span = 40 * wanted.length + 80;
  let seen = false;
  for (const m of lower.matchAll(starts)) {
    seen = true;
    if (runIn(wordsOf(lower.slice(m.index, m.index + span)).map((w) => w.token), wanted)) return true;
  }
  return seen ? false : whole();
}

function runIn(tokens: readonly string[], wanted: readonly string[]): boolean {
  const list = tokens.filter(Boolean);
  outer: for (let i = 0; i + wanted.length <= list.length; i++) {
    for (let j = 0; j < wanted.length; j++) if (list[i + j] !== wanted[j]) continue outer;
    return true;
  }
  return false;
}
