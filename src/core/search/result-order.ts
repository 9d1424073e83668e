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
 * score × N + place. Made with one typed-array sort, kept until the index changes.
 */
export class RecencyOrder {
  /** byRank[r]: the document at place r, the newest at 0. */
  readonly byRank: Int32Array;
  /** rankOf[n]: the place of document n. */
  readonly rankOf: Int32Array;

  constructor(docs: readonly (DocMeta | null)[]) {
    const size = docs.length;
    const keys = new Float64Array(size);
    // Day × N + n is unique and exact (days below 2^23, N below 2^30), so sorting numbers sorts documents.
    for (let n = 0; n < size; n++) {
      const m = docs[n];
      keys[n] = (m ? dayNumber(recency(m)) : 0) * size + n;
    }
    keys.sort();
    this.byRank = new Int32Array(size);
    this.rankOf = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const n = keys[size - 1 - i]! % size;
      this.byRank[i] = n;
      this.rankOf[n] = i;
    }
  }

  get size(): number {
    return this.byRank.length;
  }
}

/**
 * The candidates in result order: by score, highest first, then newest first (oldest first
 * when asked). With `want`, only the first `want` are put in order (a heap of that many, not a
 * sort of tens of thousands), which is what a page needs.
 */
export function ordered(candidates: DocSet, score: (n: number) => number, order: RecencyOrder, oldestFirst: boolean, want: number | null): { list: number[]; scores: Map<number, number> } {
  const size = order.size;
  const keyOf = (n: number): number => {
    const rank = order.rankOf[n]!;
    return score(n) * size + (oldestFirst ? rank : size - 1 - rank);
  };
  let keys: Float64Array;
  const count = candidates.size;
  if (want === null || want * 8 >= count) {
    keys = new Float64Array(count);
    let k = 0;
    candidates.forEach((n) => {
      keys[k++] = keyOf(n);
    });
    keys.sort();
    keys.reverse();
    if (want !== null && keys.length > want) keys = keys.subarray(0, want);
  } else keys = topKeys(candidates, keyOf, want);
  const list: number[] = [];
  const scores = new Map<number, number>();
  for (const key of keys) {
    const tie = key % size;
    const rank = oldestFirst ? tie : size - 1 - tie;
    const n = order.byRank[rank]!;
    list.push(n);
    scores.set(n, (key - tie) / size);
  }
  return { list, scores };
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
