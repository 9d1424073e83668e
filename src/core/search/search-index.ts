import { Document } from "flexsearch";
import type { Question } from "../model/question.ts";
import { indexedDoc, metaOf, recency, type DocMeta, type IndexedDoc } from "./documents.ts";
import { FilterSets } from "./filters.ts";
import { QueryError, hasFilters, termKey, wantedTerms, type Node, type Query, type Term } from "./query.ts";
import { canonicalSpelling, encode, encoder, wordsOf } from "./text.ts";

export interface Hit {
  id: string;
  score: number;
}

export interface IndexSnapshot {
  docs: DocMeta[];
  /** flexsearch's own export, key by key. */
  parts: Array<[string, string]>;
}

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
type Field = keyof typeof WEIGHT;

/** How long one search may take before it stops and says so: a chat platform waits 3 s at most. */
export const SEARCH_BUDGET_MS = 1000;

/** Texts read from the store per step of a phrase check. */
const PHRASE_SLICE = 500;

/** A search stopped at its time budget; the message says so in one line, with what to do. */
export class SearchBudgetError extends QueryError {
  constructor(budgetMs: number) {
    super(`That search took over ${budgetMs / 1000} s and was stopped: narrow it with a filter or fewer phrases, e.g. "forced labour" dept:fcdo`);
  }
}

export interface SearchOptions {
  /** Milliseconds since some fixed point: a test passes a fake clock. */
  now?: () => number;
  budgetMs?: number;
}

/** One search's look-ups (each term once, however often the query repeats it) and its deadline. */
class Run {
  readonly lookups = new Map<string, Set<number>>();
  readonly phrases = new Map<string, Set<number>>();
  private readonly deadline: number;

  constructor(
    private readonly now: () => number,
    private readonly budgetMs: number,
  ) {
    this.deadline = now() + budgetMs;
  }

  check(): void {
    if (this.now() > this.deadline) throw new SearchBudgetError(this.budgetMs);
  }
}

/** Rough cost of a clause, to run cheap ones first: words before brackets before phrases. */
function cost(clause: readonly Node[]): number {
  return clause.reduce((sum, n) => sum + (n.kind === "word" ? 1 : n.kind === "group" ? 10 : 100), 0);
}

function intersect(a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<number>();
  for (const n of small) if (large.has(n)) out.add(n);
  return out;
}

/**
 * The search index: flexsearch over the text, with each question's filter fields held beside it.
 * Relevance and filters are ours: flexsearch gives no score and no totals.
 */
export class SearchIndex {
  private readonly docs: DocMeta[] = [];
  private readonly byId = new Map<string, number>();
  private order: Int32Array | null = null;
  private filters: FilterSets | null = null;
  private readonly now: () => number;
  private readonly budgetMs: number;
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

  constructor(
    private readonly texts: TextSource,
    options: SearchOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.budgetMs = options.budgetMs ?? SEARCH_BUDGET_MS;
  }

  /** Everything needed to rebuild this index without re-reading the store (see index-cache.ts). */
  async snapshot(): Promise<IndexSnapshot> {
    const parts: Array<[string, string]> = [];
    await this.index.export((key: string, data: string) => void parts.push([key, data]));
    return { docs: [...this.docs], parts };
  }

  /** An index as `snapshot()` left it. */
  static async restore(snapshot: IndexSnapshot, texts: TextSource, options: SearchOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex(texts, options);
    for (const [key, data] of snapshot.parts) await index.index.import(key, data);
    snapshot.docs.forEach((m, n) => {
      index.docs[n] = m;
      index.byId.set(m.id, n);
    });
    return index;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds new questions and re-indexes changed ones: what a sync or import hands over. */
  upsert(questions: readonly Question[]): void {
    if (questions.length) {
      this.order = null;
      this.filters = null;
    }
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

  private ids(field: Field, text: string): Set<number> {
    if (encode(text).length === 0) return new Set();
    const result = this.index.search(canonicalSpelling(text), { index: field, limit: ALL });
    const ids = result[0]?.result ?? [];
    return new Set(ids as number[]);
  }

  private filterSets(): FilterSets {
    this.filters ??= new FilterSets(this.docs);
    return this.filters;
  }

  /** Runs a parsed query; `total` counts every match, `hits` holds the slice asked for. */
  async search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    const run = new Run(this.now, this.budgetMs);
    // Filters come from precomputed sets and often narrow a lot: phrases are then checked on fewer texts.
    const filtered = hasFilters(query.filters) ? this.filterSets().select(query.filters) : null;
    let candidates: Set<number>;
    if (query.clauses.length === 0) {
      candidates = filtered ?? new Set(this.docs.keys());
      if (query.exclude.length) candidates = await this.without(candidates, query.exclude, run);
    } else candidates = await this.group(query.clauses, query.exclude, filtered, run);
    run.check();
    const score = query.sort === "relevance" ? this.scorer(query, run) : () => 0;
    return this.page([...candidates], score, query.sort === "oldest", offset, limit);
  }

  /** Documents matching every clause (any node of each) and none of the exclusions, within `within`. */
  private async group(clauses: readonly Node[][], exclude: readonly Node[], within: Set<number> | null, run: Run): Promise<Set<number>> {
    let matched = within;
    // Clauses of plain words first: they cost one look-up each and narrow where phrases are checked.
    const ordered = [...clauses].sort((a, b) => cost(a) - cost(b));
    for (const clause of ordered) {
      const union = new Set<number>();
      for (const node of clause) for (const n of await this.node(node, matched, run)) union.add(n);
      matched = matched === null ? union : intersect(matched, union);
      if (matched.size === 0) return matched;
    }
    const all = matched ?? new Set(this.docs.keys());
    return exclude.length ? this.without(all, exclude, run) : all;
  }

  private async without(candidates: Set<number>, exclude: readonly Node[], run: Run): Promise<Set<number>> {
    let left = candidates;
    for (const node of exclude) {
      if (left.size === 0) break;
      const out = await this.node(node, left, run);
      left = new Set([...left].filter((n) => !out.has(n)));
    }
    return left;
  }

  private async node(node: Node, within: Set<number> | null, run: Run): Promise<Set<number>> {
    return node.kind === "group" ? this.group(node.clauses, node.exclude, within, run) : this.term(node, within, run);
  }

  /** Documents holding a word or phrase (a phrase's words together, in order), looked up once per search. */
  private async term(term: Term, within: Set<number> | null, run: Run): Promise<Set<number>> {
    const candidates = this.lookup("all", term, run);
    if (term.kind === "word" || candidates.size === 0) return candidates;
    const wanted = encode(term.text);
    if (wanted.length <= 1) return candidates;
    const list = within ? [...candidates].filter((n) => within.has(n)) : [...candidates];
    const found = new Set<number>();
    // Texts are read and checked a slice at a time, so the time budget is looked at between slices.
    for (let i = 0; i < list.length; i += PHRASE_SLICE) {
      run.check();
      const slice = list.slice(i, i + PHRASE_SLICE);
      const texts = await this.texts(slice.map((n) => this.docs[n]!.id));
      for (const n of slice) if (containsSequence(texts.get(this.docs[n]!.id) ?? "", wanted)) found.add(n);
    }
    run.phrases.set(termKey(term), found);
    return found;
  }

  private lookup(field: Field, term: Term, run: Run): Set<number> {
    const key = `${field}\u0000${termKey(term)}`;
    let ids = run.lookups.get(key);
    if (!ids) {
      run.check();
      ids = this.ids(field, term.text);
      run.lookups.set(key, ids);
    }
    return ids;
  }

  /**
   * BM25-style relevance without term counts: each wanted term adds its idf (rarer words count
   * more), times the weight of the best field it stands in (heading, then question, then answer).
   */
  private scorer(query: Query, run: Run): (n: number) => number {
    const total = this.docs.length;
    const terms = wantedTerms(query).map((t) => {
      const all = run.phrases.get(termKey(t)) ?? this.lookup("all", t, run);
      const df = all.size;
      return {
        idf: Math.log(1 + (total - df + 0.5) / (df + 0.5)),
        all,
        heading: this.lookup("heading", t, run),
        question: this.lookup("question", t, run),
      };
    });
    return (n) => {
      let score = 0;
      for (const t of terms) {
        if (!t.all.has(n)) continue;
        score += t.idf * (t.heading.has(n) ? WEIGHT.heading : t.question.has(n) ? WEIGHT.question : WEIGHT.all);
      }
      // Whole numbers keep equal scores equal, so ties fall to the date order.
      return Math.round(score * 1000);
    };
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
