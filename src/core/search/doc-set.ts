/**
 * A set of document numbers as a bitset over the whole index. At 815,000 questions one set is
 * 100 KB, and/or/not over two sets take tens of microseconds, membership is one lookup; a JS
 * Set of the 200,000 questions that hold a common word took milliseconds to build and as many
 * to intersect, which is where most of a query's time went.
 */
export class DocSet {
  /** The bits; changed only through the methods below, which forget the cached size. */
  readonly words: Uint32Array;
  private counted = -1;

  /** An empty set able to hold numbers below `capacity`. */
  constructor(
    readonly capacity: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array((capacity + 31) >>> 5);
  }

  static of(capacity: number, numbers: ArrayLike<number>): DocSet {
    const set = new DocSet(capacity);
    set.addAll(numbers);
    return set;
  }

  /** Every number below `capacity`. */
  static full(capacity: number): DocSet {
    const set = new DocSet(capacity);
    set.words.fill(0xffffffff);
    const rest = capacity & 31;
    if (rest) set.words[set.words.length - 1] = (1 << rest) - 1;
    return set;
  }

  add(n: number): void {
    this.counted = -1;
    this.words[n >>> 5]! |= 1 << (n & 31);
  }

  addAll(numbers: ArrayLike<number>): void {
    this.counted = -1;
    const w = this.words;
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i]!;
      w[n >>> 5]! |= 1 << (n & 31);
    }
  }

  delete(n: number): void {
    this.counted = -1;
    this.words[n >>> 5]! &= ~(1 << (n & 31));
  }

  has(n: number): boolean {
    return (this.words[n >>> 5]! & (1 << (n & 31))) !== 0;
  }

  get size(): number {
    if (this.counted >= 0) return this.counted;
    let count = 0;
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      let v = w[i]!;
      if (v === 0) continue;
      // Population count of a 32-bit word (Hacker's Delight).
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    this.counted = count;
    return count;
  }

  isEmpty(): boolean {
    const w = this.words;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) return false;
    return true;
  }

  clone(): DocSet {
    return new DocSet(this.capacity, this.words.slice());
  }

  /** A new set: in this one and in `other`. */
  and(other: DocSet): DocSet {
    const out = this.clone();
    out.andWith(other);
    return out;
  }

  /** In place: keeps what is also in `other`. */
  andWith(other: DocSet): this {
    this.counted = -1;
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! &= b[i] ?? 0;
    return this;
  }

  /** In place: adds what is in `other`. */
  orWith(other: DocSet): this {
    this.counted = -1;
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! |= b[i]!;
    return this;
  }

  /** In place: drops what is in `other`. */
  andNotWith(other: DocSet): this {
    this.counted = -1;
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! &= ~b[i]!;
    return this;
  }

  /** Calls `f` with each number, in increasing order. */
  forEach(f: (n: number) => void): void {
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      let v = w[i]!;
      while (v !== 0) {
        const low = v & -v;
        f((i << 5) + 31 - Math.clz32(low));
        v ^= low;
      }
    }
  }

  /** The numbers in increasing order. */
  toArray(): Int32Array {
    const out = new Int32Array(this.size);
    let k = 0;
    this.forEach((n) => {
      out[k++] = n;
    });
    return out;
  }
}
