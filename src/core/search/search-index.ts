import { Document } from "flexsearch";
import type { Question } from "../../model/question.ts";
import { indexedDoc, metaOf, recency, type DocMeta, type IndexedDoc } from "./documents.ts";
import { FilterSets } from "./filters.ts";
import { QueryError, hasFilters, termKey, wantedTerms, type Node, type Query, type Term } from "./query.ts";
import { canonicalSpelling, encode, encoder, wordsOf } from "./text.ts";
import { countTrend, type TrendCounts } from "../trends/trend-counts.ts";
import { trendRange, type HeldRange, type TrendSpec } from "../trends/trend-spec.ts";
import { intersect as intersectDates } from "./query-dates.ts";

export interface Hit {
  id: string;
  score: number;
}

/**
 * One piece of a snapshot: a run of questions' filter fields, or one chunk of flexsearch's own
 * export (flexsearch cuts its export into bounded chunks, so no piece is a giant string).
 */
export type SnapshotItem = { kind: "docs"; metas: DocMeta[] } | { kind: "part"; key: string; data: string };

/** Questions per "docs" piece: one parse and one await per thousands, not per question. */
const DOCS_PER_PIECE = 2000;

export interface SearchResult {
  total: number;
  hits: Hit[];
  /** Set when `total` is estimated from a sample (a common phrase): say "about". */
  estimated?: boolean;
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

/**
 * A trend reads the text of every phrase candidate (its counts must be exact, not estimated), so
 * it may take longer than one page of results; still bounded, since the worker serves searches too.
 */
export const TREND_BUDGET_MS = 3000;
/** Phrase candidates read per step of a trend: the time budget is looked at between steps. */
const TREND_STEP = 500;

/** Up to this many phrase candidates are all checked, for an exact total; past it the total is estimated. */
const VERIFY_ALL = 200;
/** Candidates checked to estimate the share of the unread rest that matches. */
const SAMPLE = 60;

/** A search stopped at its time budget; the message says so in one line, with what to do. */
export class SearchBudgetError extends QueryError {
  override readonly name = "SearchBudgetError";

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
  static async restore(items: AsyncIterable<SnapshotItem>, texts: TextSource, options: SearchOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex(texts, options);
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

  /**
   * Runs a parsed query; `total` counts every match, `hits` holds the slice asked for. Phrases
   * are found first by their words alone; the candidates are then checked in rank order, text by
   * text, until the page is full. Past VERIFY_ALL candidates the rest is not read and `total` is
   * estimated from a spread sample (`estimated` set): reading every text of a common phrase is
   * what made one query take seconds (a text costs about 0.2 ms to read from SQLite).
   */
  async search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    const run = new Run(this.now, this.budgetMs);
    // Filters come from precomputed sets and often narrow a lot.
    const filtered = hasFilters(query.filters) ? this.filterSets().select(query.filters) : null;
    let candidates: Set<number>;
    if (query.clauses.length === 0) {
      candidates = filtered ?? new Set(this.docs.keys());
      if (query.exclude.length) candidates = await this.without(candidates, query.exclude, run);
    } else candidates = await this.group(query.clauses, query.exclude, filtered, run);
    run.check();
    const score = query.sort === "relevance" ? this.scorer(query, run) : () => 0;
    if (!hasPhrase([...query.clauses.flat(), ...query.exclude])) return this.page([...candidates], score, query.sort === "oldest", offset, limit);

    const { order, scores } = this.rank([...candidates], score, query.sort === "oldest", null);
    const want = offset + limit;
    const verifyAll = order.length <= VERIFY_ALL;
    const hits: number[] = [];
    let checked = 0;
    // Texts are read a step at a time (the time budget is looked at between steps), first about
    // what the page needs, then twice as many each time the checked ones fall short.
    let step = Math.max(2 * want, 20);
    while (checked < order.length && (verifyAll || hits.length < want)) {
      const slice = order.slice(checked, checked + step);
      for (const n of await this.matching(slice, query, run)) hits.push(n);
      checked += slice.length;
      step *= 2;
    }
    let total = hits.length;
    let estimated = false;
    if (checked < order.length) {
      const rest = order.slice(checked);
      const every = Math.max(1, Math.floor(rest.length / SAMPLE));
      const sample = rest.filter((_, i) => i % every === 0).slice(0, SAMPLE);
      const passed = (await this.matching(sample, query, run)).length;
      total += Math.round((rest.length * passed) / sample.length);
      estimated = true;
    }
    const page = hits.slice(offset, want).map((n) => ({ id: this.docs[n]!.id, score: scores[n]! }));
    return estimated ? { total, hits: page, estimated } : { total, hits: page };
  }

  /**
   * A query's matches tabled within the trend's range, counted by period, department and asker
   * (trends/trend-counts.ts). Unlike search(), every phrase candidate's text is read, so each
   * period's count equals the exact total of the query with that period's tabled: filter.
   */
  async trend(query: Query, spec: TrendSpec, budgetMs = TREND_BUDGET_MS): Promise<TrendCounts> {
    const run = new Run(this.now, budgetMs);
    const { range, periods } = trendRange(spec, query.filters.tabled, this.heldRange(), spec.today);
    const within: Query = { ...query, filters: { ...query.filters, tabled: intersectDates(query.filters.tabled, range) } };
    // The candidates as search() finds them; the range is a tabled: filter, so it narrows first.
    const filtered = this.filterSets().select(within.filters);
    let candidates: Set<number>;
    if (within.clauses.length === 0) {
      candidates = filtered ?? new Set(this.docs.keys());
      if (within.exclude.length) candidates = await this.without(candidates, within.exclude, run);
    } else candidates = await this.group(within.clauses, within.exclude, filtered, run);
    run.check();
    let matched = [...candidates];
    if (hasPhrase([...within.clauses.flat(), ...within.exclude])) {
      const confirmed: number[] = [];
      for (let i = 0; i < matched.length; i += TREND_STEP) confirmed.push(...(await this.matching(matched.slice(i, i + TREND_STEP), within, run)));
      matched = confirmed;
    }
    return countTrend(
      matched.map((n) => this.docs[n]!),
      spec.unit,
      range,
      periods,
      spec.topAskers,
    );
  }

  /** The first and last day tabled among every question held. */
  private heldRange(): HeldRange {
    let first: string | null = null;
    let last: string | null = null;
    for (const m of this.docs) {
      if (first === null || m.dateTabled < first) first = m.dateTabled;
      if (last === null || m.dateTabled > last) last = m.dateTabled;
    }
    return first === null || last === null ? null : { first, last };
  }

  /** Those of `list` whose texts really match the query (phrases as runs of words), in order. */
  private async matching(list: readonly number[], query: Query, run: Run): Promise<number[]> {
    run.check();
    const texts = await this.texts(list.map((n) => this.docs[n]!.id));
    return list.filter((n) => this.matches(n, texts.get(this.docs[n]!.id) ?? "", query.clauses, query.exclude, run));
  }

  private matches(n: number, text: string, clauses: readonly Node[][], exclude: readonly Node[], run: Run): boolean {
    const holds = (node: Node): boolean => {
      if (node.kind === "group") return this.matches(n, text, node.clauses, node.exclude, run);
      if (isEmptyTerm(node)) return true;
      if (!this.lookup("all", node, run).has(n)) return false;
      if (node.kind === "word") return true;
      const wanted = encode(node.text);
      return wanted.length <= 1 || containsSequence(text, wanted);
    };
    return clauses.every((c) => c.some(holds)) && !exclude.some((e) => !isEmptyTerm(e) && holds(e));
  }

  /** Documents matching every clause (any node of each) and none of the exclusions, within `within`. */
  private async group(clauses: readonly Node[][], exclude: readonly Node[], within: Set<number> | null, run: Run): Promise<Set<number>> {
    let matched = within;
    // A stop word ("the", a lone "-") constrains nothing; a query of nothing else finds nothing.
    const constraining = clauses.filter((c) => !c.some(isEmptyTerm));
    if (constraining.length === 0 && clauses.length > 0 && within === null) return new Set();
    // Clauses of plain words first: they cost one look-up each and narrow where phrases are checked.
    const ordered = constraining.sort((a, b) => cost(a) - cost(b));
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
      // Excluding a phrase's words would drop texts that hold them apart: the check in search() decides.
      if (hasPhrase([node])) continue;
      const out = await this.node(node, left, run);
      left = new Set([...left].filter((n) => !out.has(n)));
    }
    return left;
  }

  private async node(node: Node, within: Set<number> | null, run: Run): Promise<Set<number>> {
    return node.kind === "group" ? this.group(node.clauses, node.exclude, within, run) : this.term(node, run);
  }

  /**
   * Documents holding a word, or all the words of a phrase (a superset of the phrase's: search()
   * checks the run of words on the texts it shows).
   */
  private term(term: Term, run: Run): Set<number> {
    return this.lookup("all", term, run);
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
      const all = this.lookup("all", t, run);
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
    const { order, scores } = this.rank(candidates, score, oldestFirst, offset + limit);
    return {
      total: candidates.length,
      hits: order.slice(offset, offset + limit).map((n) => ({ id: this.docs[n]!.id, score: scores[n]! })),
    };
  }

  /** Candidates in result order; with `cap`, only the first `cap` of each score are kept. */
  private rank(candidates: number[], score: (n: number) => number, oldestFirst: boolean, cap: number | null): { order: number[]; scores: Int32Array } {
    // Scores are whole numbers; -1 marks a document that is not a candidate.
    const scores = new Int32Array(this.docs.length).fill(-1);
    for (const n of candidates) scores[n] = score(n);
    const buckets = new Map<number, number[]>();
    const order = this.newestOrder();
    for (let i = 0; i < order.length; i++) {
      const n = order[oldestFirst ? order.length - 1 - i : i]!;
      const s = scores[n]!;
      if (s < 0) continue;
      const bucket = buckets.get(s);
      if (!bucket) buckets.set(s, [n]);
      else if (cap === null || bucket.length < cap) bucket.push(n);
    }
    return { order: [...buckets.keys()].sort((a, b) => b - a).flatMap((s) => buckets.get(s)!), scores };
  }
}

/** A word or phrase with no index token at all (stop words only). */
function isEmptyTerm(node: Node): boolean {
  return node.kind !== "group" && encode(node.text).length === 0;
}

/** Whether any node holds a phrase of more than one word, which the index alone cannot confirm. */
function hasPhrase(nodes: readonly Node[]): boolean {
  return nodes.some((n) =>
    n.kind === "group" ? hasPhrase([...n.clauses.flat(), ...n.exclude]) : n.kind === "phrase" && encode(n.text).length > 1,
  );
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
