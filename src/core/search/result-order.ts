import type { DocMeta } from "./documents.ts";
import { recency } from "./documents.ts";
import type { DocSet } from "./doc-set.ts";

/** A day (YYYY-MM-DD) as a number in the same order; 0 for none. */
function dayNumber(day: string): number {
  return Number(day.slice(0, 4)) * 512 + Number(day.slice(5, 7)) * 32 + Number(day.slice(8, 10)) || 0;
}

/**
 * Every document's place in the newest-first order (its answer's day, else the day tabled;
 * ties: the later indexed first), so that a result's order key is one number:
 * score × N + place. Made by counting documents per day (a few thousand days, no sort of the
 * documents), kept until the index changes.
 */
export class RecencyOrder {
  /** byRank[r]: the document at place r, the newest at 0. */
  readonly byRank: Int32Array;
  /** rankOf[n]: the place of document n. */
  readonly rankOf: Int32Array;

  constructor(docs: readonly (DocMeta | null)[]) {
    const size = docs.length;
    const days = new Int32Array(size);
    // Days repeat: each distinct string is turned into a number once.
    const numbers = new Map<string, number>();
    let min = Infinity;
    let max = -Infinity;
    for (let n = 0; n < size; n++) {
      const m = docs[n];
      let day = 0;
      if (m) {
        const text = recency(m);
        day = numbers.get(text) ?? dayNumber(text);
        numbers.set(text, day);
      }
      days[n] = day;
      if (day < min) min = day;
      if (day > max) max = day;
    }
    this.byRank = new Int32Array(size);
    this.rankOf = new Int32Array(size);
    if (size === 0) return;
    // Places start where the newer days' documents end.
    const starts = new Int32Array(max - min + 2);
    for (let n = 0; n < size; n++) starts[max - days[n]! + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    for (let n = size - 1; n >= 0; n--) {
      const place = starts[max - days[n]!]!++;
      this.byRank[place] = n;
      this.rankOf[n] = place;
    }
  }

  get size(): number {
    return this.byRank.length;
  }
}

/**
 * The candidates in result order: by score, highest first, then newest first (oldest first
 * when asked), handed out a run at a time. Without a score (a sort by date, or filters alone)
 * the date order is walked from its start and stops once enough are found, so a page of
 * "house:commons" costs a few dozen steps, not one per match. With a score, the first page is
 * the top of a heap of that many (not a sort of tens of thousands); asking past it sorts all.
 */
export class ResultCursor {
  private sorted: Float64Array | null = null;
  /** The next place in the date order (walking) or in `sorted`. */
  private at = 0;
  /** Whether to walk the date order: no score, and candidates dense enough to meet often. */
  private readonly walk: boolean;
  readonly scores = new Map<number, number>();

  constructor(
    private readonly candidates: DocSet,
    private readonly score: ((n: number) => number) | null,
    private readonly order: RecencyOrder,
    private readonly oldestFirst: boolean,
  ) {
    this.walk = score === null && candidates.size * 16 >= order.size;
  }

  private keyOf(n: number): number {
    const size = this.order.size;
    const rank = this.order.rankOf[n]!;
    return (this.score === null ? 0 : this.score(n)) * size + (this.oldestFirst ? rank : size - 1 - rank);
  }

  private fromKey(key: number): number {
    const size = this.order.size;
    const tie = key % size;
    const n = this.order.byRank[this.oldestFirst ? tie : size - 1 - tie]!;
    this.scores.set(n, (key - tie) / size);
    return n;
  }

  /** The next `count` candidates in order (fewer at the end). */
  next(count: number): number[] {
    const out: number[] = [];
    if (this.walk) {
      const { byRank } = this.order;
      const size = byRank.length;
      while (out.length < count && this.at < size) {
        const n = byRank[this.oldestFirst ? size - 1 - this.at : this.at]!;
        this.at++;
        if (this.candidates.has(n)) {
          this.scores.set(n, 0);
          out.push(n);
        }
      }
      return out;
    }
    if (this.sorted === null && this.at === 0 && count * 8 < this.candidates.size) {
      // A first page: the top keys alone. Asking on sorts everything (below).
      for (const key of topKeys(this.candidates, (n) => this.keyOf(n), count)) out.push(this.fromKey(key));
      this.at = out.length;
      return out;
    }
    if (this.sorted === null) {
      const keys = new Float64Array(this.candidates.size);
      let k = 0;
      this.candidates.forEach((n) => {
        keys[k++] = this.keyOf(n);
      });
      keys.sort();
      this.sorted = keys.reverse();
    }
    const end = Math.min(this.sorted.length, this.at + count);
    for (; this.at < end; this.at++) out.push(this.fromKey(this.sorted[this.at]!));
    return out;
  }
}

/** The `want` highest keys, highest first, through a min-heap of that size. */
function topKeys(candidates: DocSet, keyOf: (n: number) => number, want: number): Float64Array {
  const heap = new Float64Array(want);
  let filled = 0;
  candidates.forEach((n) => {
    const key = keyOf(n);
    if (filled < want) {
      // Sift up.
      let i = filled++;
      heap[i] = key;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]! <= heap[i]!) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    } else if (key > heap[0]!) {
      // Replace the smallest and sift down.
      heap[0] = key;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < want && heap[l]! < heap[least]!) least = l;
        if (r < want && heap[r]! < heap[least]!) least = r;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i]!, heap[least]!];
        i = least;
      }
    }
  });
  const out = heap.slice(0, filled);
  out.sort();
  return out.reverse();
}
