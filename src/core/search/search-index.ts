import { overdueReport, type OverdueReport } from "../lateness/report.ts";
import type { Question } from "../../model/question.ts";
import { DocSet } from "./doc-set.ts";
import type { EncodedSlots, TermParts } from "./postings-codec.ts";
import { indexDoc, sharingStrings, type DocMeta, type IndexDoc } from "./documents.ts";
import { FilterSets } from "./filters.ts";
import { QueryError, hasFilters, termKey, wantedTerms, type Node, type Query, type Term } from "./query.ts";
import { RecencyOrder, ResultCursor } from "./result-order.ts";
import { canonicalSpelling, encode, foldsVariants, tokensStartAt, wordsOf } from "./text.ts";
import { HEADING, QUESTION, REST, TokenIndex } from "./token-index.ts";
import { countTrend, type TrendCounts } from "../trends/trend-counts.ts";
import { trendRange, type HeldRange, type TrendSpec } from "../trends/trend-spec.ts";
import { intersect as intersectDates } from "./query-dates.ts";

export interface Hit {
  id: string;
  score: number;
}

/**
 * One piece of a snapshot: a run of questions' filter fields, or a run of index tokens with
 * their documents (flexsearch's own terms, read whole: see token-index.ts).
 */
export type SnapshotItem = { kind: "docs"; metas: DocMeta[] } | { kind: "terms"; entries: TermParts[] };
/** A piece as read back: each token's postings still encoded, decoded when first needed. */
export type LoadedItem = { kind: "docs"; metas: DocMeta[] } | { kind: "encoded"; entries: Array<[string, EncodedSlots]> };

/** Questions per "docs" piece: one parse and one await per thousands, not per question (at most 65,536: the snapshot keeps places as 16-bit numbers). */
const DOCS_PER_PIECE = 2000;
/** Postings per "terms" piece, which bounds what a snapshot holds at once beside the index. */
const POSTINGS_PER_PIECE = 1_000_000;

export interface SearchResult {
  total: number;
  hits: Hit[];
  /** Set when `total` is estimated from a sample (a common phrase): say "about". */
  estimated?: boolean;
}

/** Reads the full texts a phrase must be checked against (the index keeps no texts). */
export type TextSource = (ids: readonly string[]) => Promise<Map<string, string>>;

/** Field weights for relevance: a word in the heading counts most, in the answer alone least. */
const WEIGHT = { heading: 4, question: 2, all: 1 } as const;

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
  /** Questions indexed between compactions of the postings (token-index.ts); tests make it small. */
  compactEvery?: number;
}

/** One search's look-ups (each term once, however often the query repeats it) and its deadline. */
class Run {
  readonly lookups = new Map<string, TermSets>();
  readonly byNode = new WeakMap<Term, TermSets>();
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

/** What one term (a word or phrase, several tokens when hyphenated) matches, by field. */
interface TermSets {
  /** Documents holding every token of the term anywhere. */
  all: DocSet;
  /** Documents whose heading holds every token. */
  heading(): DocSet;
  /** Documents whose heading or question text holds every token. */
  headingOrQuestion(): DocSet;
}

/**
 * The search index: flexsearch over the text (one index, each token filed by the field it first
 * stands in: see token-index.ts), with each question's filter fields held beside it. Relevance,
 * filters and sets of results are ours: flexsearch gives no score and no totals.
 *
 * Documents are numbered in the order they were indexed. A changed question is indexed again
 * under a new number and its old number is retired (left out of every result), since taking a
 * document out of flexsearch means scanning every term it holds; a snapshot leaves retired
 * numbers out, so they go at the next save.
 */
export class SearchIndex {
  /** By number; null once retired. */
  private readonly docs: (DocMeta | null)[] = [];
  /** Number by question id: made on first need (an upsert), not while a snapshot loads. */
  private ids: Map<string, number> | null = new Map();
  private readonly retired: number[] = [];
  private readonly tokens: TokenIndex;
  /** Made on the first filtered search (seconds at 815,000 questions), then kept up to date. */
  private filters: FilterSets | null = null;
  private order: RecencyOrder | null = null;
  private live: DocSet | null = null;
  private readonly now: () => number;
  private readonly budgetMs: number;

  constructor(
    private readonly texts: TextSource,
    options: SearchOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.budgetMs = options.budgetMs ?? SEARCH_BUDGET_MS;
    this.tokens = new TokenIndex(options.compactEvery);
  }

  /**
   * Everything needed to rebuild this index without re-reading the store (see snapshot-file.ts),
   * handed out piece by piece: `write` may return a promise to hold the next piece back until the
   * last one is written, so a snapshot never sits whole in memory. Retired numbers are left out
   * and the rest renumbered in order.
   */
  async snapshot(write: (item: SnapshotItem) => void | Promise<void>): Promise<void> {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const live: DocMeta[] = [];
    this.docs.forEach((m, n) => {
      if (m) renumber[n] = live.push(m) - 1;
    });
    for (let i = 0; i < live.length; i += DOCS_PER_PIECE) await write({ kind: "docs", metas: live.slice(i, i + DOCS_PER_PIECE) });
    const compact = this.retired.length > 0;
    let entries: TermParts[] = [];
    let postings = 0;
    for (const [token, slots] of this.tokens.entries()) {
      // Renumbered when questions were retired; also when one was added while this was written (it
      // is not in the lines above). Renumbering keeps the order, so the runs stay in order.
      const kept = compact || this.docs.length > renumber.length ? slots.map((runs) => runs.map((ids) => renumbered(ids, renumber))) : slots;
      entries.push([token, kept]);
      postings += kept.reduce((sum, runs) => runs.reduce((n, ids) => n + ids.length, sum), 1);
      if (postings >= POSTINGS_PER_PIECE) {
        await write({ kind: "terms", entries });
        entries = [];
        postings = 0;
      }
    }
    if (entries.length) await write({ kind: "terms", entries });
  }

  /** An index as `snapshot()` handed it out, read piece by piece. */
  static async restore(items: AsyncIterable<LoadedItem>, texts: TextSource, options: SearchOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex(texts, options);
    for await (const item of items) {
      if (item.kind === "encoded") index.tokens.restore(item.entries);
      else for (const meta of item.metas) index.docs.push(meta);
    }
    index.ids = null;
    return index;
  }

  get size(): number {
    return this.docs.length - this.retired.length;
  }

  private get byId(): Map<string, number> {
    if (!this.ids) {
      const ids = new Map<string, number>();
      this.docs.forEach((m, n) => m && ids.set(m.id, n));
      this.ids = ids;
    }
    return this.ids;
  }

  private filterSets(): FilterSets {
    this.filters ??= new FilterSets(this.docs);
    return this.filters;
  }

  /** Adds new questions and re-indexes changed ones: what a sync or import hands over. */
  upsert(questions: readonly Question[]): void {
    this.add(questions.map(indexDoc));
  }

  /** As upsert, with the questions' tokens already encoded (a build's encoder threads did it). */
  add(docs: readonly IndexDoc[]): void {
    if (docs.length) {
      this.order = null;
      this.live = null;
    }
    for (const { meta, tokens } of docs) {
      const old = this.byId.get(meta.id);
      if (old !== undefined) {
        this.docs[old] = null;
        this.retired.push(old);
      }
      const n = this.docs.push(sharingStrings(meta)) - 1;
      this.byId.set(meta.id, n);
      this.filters?.add(n, meta);
      this.tokens.add(n, tokens);
    }
  }

  /** One pass over the questions' summaries: no texts read, nothing sent back but the report. */
  async overdue(asOf: string, departments: readonly number[] | null): Promise<OverdueReport> {
    return overdueReport(this.docs, asOf, departments);
  }

  meta(id: string): DocMeta | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : (this.docs[n] ?? undefined);
  }

  /** Every document not retired; kept until the next upsert. */
  private liveDocs(): DocSet {
    if (!this.live) {
      const live = DocSet.full(this.docs.length);
      for (const n of this.retired) live.delete(n);
      this.live = live;
    }
    return this.live;
  }

  private recencyOrder(): RecencyOrder {
    this.order ??= new RecencyOrder(this.docs);
    return this.order;
  }

  private docId(n: number): string {
    return this.docs[n]!.id;
  }

  /**
   * Runs a parsed query; `total` counts every match, `hits` holds the slice asked for. Phrases
   * are found first by their words alone; the candidates are then checked in rank order, text by
   * text, until the page is full. Past VERIFY_ALL candidates the rest is not read and `total` is
   * estimated from a spread sample (`estimated` set): reading every text of a common phrase is
   * what made one query take seconds (a text costs about 0.2 ms to read from SQLite).
   */
  async search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    // Made (once) before the clock starts: making them is the index's work, not this search's.
    const sets = hasFilters(query.filters) ? this.filterSets() : null;
    this.recencyOrder();
    const run = new Run(this.now, this.budgetMs);
    const candidates = await this.candidates(query, sets, run);
    const score = query.sort === "relevance" && wantedTerms(query).length ? this.scorer(query, run) : null;
    const cursor = new ResultCursor(candidates, score, this.recencyOrder(), query.sort === "oldest");
    const want = offset + limit;
    if (!hasPhrase([...query.clauses.flat(), ...query.exclude])) {
      const page = cursor.next(want).slice(offset);
      return { total: candidates.size, hits: page.map((n) => ({ id: this.docId(n), score: cursor.scores.get(n)! })) };
    }

    const count = candidates.size;
    const verifyAll = count <= VERIFY_ALL;
    const hits: number[] = [];
    const checked = new Set<number>();
    // Texts are read a step at a time (the time budget is looked at between steps), first about
    // what the page needs, then twice as many each time the checked ones fall short.
    let step = Math.max(2 * want, 20);
    while (checked.size < count && (verifyAll || hits.length < want)) {
      const slice = cursor.next(step);
      if (slice.length === 0) break;
      for (const n of slice) checked.add(n);
      for (const n of await this.matching(slice, query, run)) hits.push(n);
      step *= 2;
    }
    let total = hits.length;
    let estimated = false;
    const rest = count - checked.size;
    if (rest > 0) {
      // The share that matches among a spread sample of the unread rest (in number order: any
      // fixed spread will do for a share).
      const every = Math.max(1, Math.floor(rest / SAMPLE));
      const sample: number[] = [];
      let i = 0;
      candidates.forEach((n) => {
        if (checked.has(n) || sample.length >= SAMPLE) return;
        if (i++ % every === 0) sample.push(n);
      });
      const passed = (await this.matching(sample, query, run)).length;
      total += Math.round((rest * passed) / sample.length);
      estimated = true;
    }
    const page = hits.slice(offset, want).map((n) => ({ id: this.docId(n), score: cursor.scores.get(n)! }));
    return estimated ? { total, hits: page, estimated } : { total, hits: page };
  }

  /**
   * A query's matches tabled within the trend's range, counted by period, department and asker
   * (trends/trend-counts.ts). Unlike search(), every phrase candidate's text is read, so each
   * period's count equals the exact total of the query with that period's tabled: filter.
   */
  async trend(query: Query, spec: TrendSpec, budgetMs = TREND_BUDGET_MS): Promise<TrendCounts> {
    const { range, periods } = trendRange(spec, query.filters.tabled, this.heldRange(), spec.today);
    const within: Query = { ...query, filters: { ...query.filters, tabled: intersectDates(query.filters.tabled, range) } };
    // The candidates as search() finds them; the range is a tabled: filter, so it narrows first.
    const sets = this.filterSets();
    const run = new Run(this.now, budgetMs);
    const candidates = await this.candidates(within, sets, run);
    let matched = Array.from(candidates.toArray());
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

  /**
   * The live documents a query's filters, words and exclusions allow, phrases found by their words
   * alone (their texts are the caller's to check). `sets` is null when the query has no filters.
   */
  private async candidates(query: Query, sets: FilterSets | null, run: Run): Promise<DocSet> {
    // Filters come from precomputed sets and often narrow a lot.
    const filtered = sets ? sets.select(query.filters) : null;
    // Filter sets still list retired numbers.
    if (filtered && this.retired.length) filtered.andWith(this.liveDocs());
    let candidates: DocSet;
    if (query.clauses.length === 0) {
      candidates = filtered ?? this.liveDocs().clone();
      if (query.exclude.length) candidates = await this.without(candidates, query.exclude, run);
    } else candidates = await this.group(query.clauses, query.exclude, filtered, run);
    run.check();
    return candidates;
  }

  /** The first and last day tabled among every question held. */
  private heldRange(): HeldRange {
    let first: string | null = null;
    let last: string | null = null;
    for (const m of this.docs) {
      if (!m) continue;
      if (first === null || m.dateTabled < first) first = m.dateTabled;
      if (last === null || m.dateTabled > last) last = m.dateTabled;
    }
    return first === null || last === null ? null : { first, last };
  }

  /** Those of `list` whose texts really match the query (phrases as runs of words), in order. */
  private async matching(list: readonly number[], query: Query, run: Run): Promise<number[]> {
    run.check();
    const texts = await this.texts(list.map((n) => this.docId(n)));
    return list.filter((n) => this.matches(n, texts.get(this.docId(n)) ?? "", query.clauses, query.exclude, run));
  }

  private matches(n: number, text: string, clauses: readonly Node[][], exclude: readonly Node[], run: Run): boolean {
    const holds = (node: Node): boolean => {
      if (node.kind === "group") return this.matches(n, text, node.clauses, node.exclude, run);
      if (isEmptyTerm(node)) return true;
      if (!this.lookup(node, run).all.has(n)) return false;
      if (node.kind === "word") return true;
      const wanted = tokensOf(node.text);
      return wanted.length <= 1 || containsSequence(text, wanted);
    };
    return clauses.every((c) => c.some(holds)) && !exclude.some((e) => !isEmptyTerm(e) && holds(e));
  }

  /** Documents matching every clause (any node of each) and none of the exclusions, within `within`. */
  private async group(clauses: readonly Node[][], exclude: readonly Node[], within: DocSet | null, run: Run): Promise<DocSet> {
    let matched = within;
    // A stop word ("the", a lone "-") constrains nothing; a query of nothing else finds nothing.
    const constraining = clauses.filter((c) => !c.some(isEmptyTerm));
    if (constraining.length === 0 && clauses.length > 0 && within === null) return new DocSet(this.docs.length);
    // Clauses of plain words first: they cost one look-up each and narrow where phrases are checked.
    const ordered = constraining.sort((a, b) => cost(a) - cost(b));
    for (const clause of ordered) {
      let union: DocSet | null = null;
      for (const node of clause) {
        const found = await this.node(node, matched, run);
        union = union === null ? found.clone() : union.orWith(found);
      }
      matched = matched === null ? union! : matched.and(union!);
      if (matched.isEmpty()) return matched;
    }
    const all = matched ?? this.liveDocs().clone();
    return exclude.length ? this.without(all, exclude, run) : all;
  }

  private async without(candidates: DocSet, exclude: readonly Node[], run: Run): Promise<DocSet> {
    let left = candidates;
    let copied = false;
    for (const node of exclude) {
      if (left.isEmpty()) break;
      // Excluding a phrase's words would drop texts that hold them apart: the check in search() decides.
      if (hasPhrase([node])) continue;
      const out = await this.node(node, left, run);
      if (!copied) {
        left = left.clone();
        copied = true;
      }
      left.andNotWith(out);
    }
    return left;
  }

  /** The documents a node matches; never to be changed by the caller (term sets are shared). */
  private async node(node: Node, within: DocSet | null, run: Run): Promise<DocSet> {
    return node.kind === "group" ? this.group(node.clauses, node.exclude, within, run) : this.lookup(node, run).all;
  }

  /**
   * Documents holding a word, or all the words of a phrase (a superset of the phrase's: search()
   * checks the run of words on the texts it shows), with the fields they stand in.
   */
  private lookup(term: Term, run: Run): TermSets {
    // By the node first: phrase checks ask once per candidate text.
    let sets = run.byNode.get(term);
    if (sets) return sets;
    const key = termKey(term);
    sets = run.lookups.get(key);
    if (!sets) {
      run.check();
      sets = this.termSets(term.text);
      run.lookups.set(key, sets);
    }
    run.byNode.set(term, sets);
    return sets;
  }

  private termSets(text: string): TermSets {
    const capacity = this.docs.length;
    const tokens = [...new Set(tokensOf(text))];
    const postings = tokens.map((t) => this.tokens.postings(t));
    // The documents whose first use of every token is in one of `slots`.
    const within = (slots: number): DocSet => {
      let out: DocSet | null = null;
      for (const p of postings) {
        const set = new DocSet(capacity);
        for (let s = 0; s < slots; s++) for (const ids of p[s] ?? []) set.addAll(ids);
        out = out === null ? set : out.andWith(set);
      }
      return out ?? new DocSet(capacity);
    };
    const all = within(REST + 1);
    if (this.retired.length) all.andWith(this.liveDocs());
    let heading: DocSet | null = null;
    let headingOrQuestion: DocSet | null = null;
    return {
      all,
      heading: () => (heading ??= within(HEADING + 1)),
      headingOrQuestion: () => (headingOrQuestion ??= within(QUESTION + 1)),
    };
  }

  /**
   * BM25-style relevance without term counts: each wanted term adds its idf (rarer words count
   * more), times the weight of the best field it stands in (heading, then question, then answer).
   */
  private scorer(query: Query, run: Run): (n: number) => number {
    const total = this.size;
    const terms = wantedTerms(query).map((t) => {
      const sets = this.lookup(t, run);
      const df = sets.all.size;
      return {
        idf: Math.log(1 + (total - df + 0.5) / (df + 0.5)),
        all: sets.all,
        heading: sets.heading(),
        question: sets.headingOrQuestion(),
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
}

/**
 * The index tokens of a query's word or phrase. Phrase checks ask for them once per candidate
 * text, so they are kept (query terms are short and few; the memo is emptied past a bound).
 */
const termTokens = new Map<string, readonly string[]>();
function tokensOf(text: string): readonly string[] {
  let tokens = termTokens.get(text);
  if (!tokens) {
    if (termTokens.size >= 10_000) termTokens.clear();
    tokens = encode(text);
    termTokens.set(text, tokens);
  }
  return tokens;
}

/** Documents' new numbers (-1, or past `renumber`: left out). */
function renumbered(ids: ArrayLike<number>, renumber: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const n = ids[i]! < renumber.length ? renumber[ids[i]!]! : -1;
    if (n >= 0) out.push(n);
  }
  return out;
}

/** A word or phrase with no index token at all (stop words only). */
function isEmptyTerm(node: Node): boolean {
  return node.kind !== "group" && tokensOf(node.text).length === 0;
}

/** Whether any node holds a phrase of more than one word, which the index alone cannot confirm. */
function hasPhrase(nodes: readonly Node[]): boolean {
  return nodes.some((n) =>
    n.kind === "group" ? hasPhrase([...n.clauses.flat(), ...n.exclude]) : n.kind === "phrase" && tokensOf(n.text).length > 1,
  );
}

/**
 * Whether the text's word tokens contain `wanted` as a run (stop words dropped on both sides).
 * Tokenising a whole answer is the slow part, so only the words from where a word begins with
 * the first token's opening letters are read (a suffix stemmer keeps those), one at a time until
 * one differs; when no such word is found, or the token is too short to tell, the whole text is
 * tokenised. The
 * openings are found with indexOf, and variant spellings folded first only when the token is
 * one a variant folds into ("kiev" holds no "kyi"): a regular expression built per text, and
 * folding every text, were most of a phrase check's time.
 */
function containsSequence(text: string, wanted: readonly string[]): boolean {
  const first = wanted[0]!;
  const whole = (): boolean => runIn(wordsOf(text).map((w) => w.token), wanted);
  if (first.length < 3) return whole();
  const opening = first.slice(0, 3);
  const lower = (foldsVariants(first) ? canonicalSpelling(text) : text).toLowerCase();
  let seen = false;
  for (let at = lower.indexOf(opening); at >= 0; at = lower.indexOf(opening, at + 1)) {
    if (at > 0 && LETTER_OR_DIGIT.test(lower[at - 1]!)) continue;
    seen = true;
    if (tokensStartAt(lower, at, wanted)) return true;
  }
  return seen ? false : whole();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function runIn(tokens: readonly string[], wanted: readonly string[]): boolean {
  const list = tokens.filter(Boolean);
  outer: for (let i = 0; i + wanted.length <= list.length; i++) {
    for (let j = 0; j < wanted.length; j++) if (list[i + j] !== wanted[j]) continue outer;
    return true;
  }
  return false;
}
