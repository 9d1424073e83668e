import { TextDecoder } from "node:util";

/**
 * Index tokens with their documents as bytes, for the snapshot: per token its UTF-8 bytes, then
 * for each of the three field slots the count and the differences between successive document
 * numbers, all as LEB128 varints (zigzag for the differences, so any order round-trips). Most
 * differences fit one byte: at 815,000 questions this is a fifth of flexsearch's JSON export
 * and decodes without building strings.
 */

/** A token and its documents in each slot: JS arrays while indexing, Int32Array views once loaded. */
export type Slots = Array<ArrayLike<number> | undefined>;
export type TermEntry = [string, Slots];

const SLOTS = 3;

export class PostingsWriter {
  private bytes = new Uint8Array(1 << 16);
  private at = 0;

  get length(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.at));
    this.bytes = next;
  }

  private varint(value: number): void {
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.bytes[this.at++] = v;
  }

  add(token: string, slots: readonly (ArrayLike<number> | undefined)[]): void {
    const text = Buffer.from(token, "utf8");
    this.varint(text.length);
    this.room(text.length);
    this.bytes.set(text, this.at);
    this.at += text.length;
    for (let s = 0; s < SLOTS; s++) {
      const ids = slots[s] ?? [];
      this.varint(ids.length);
      let last = 0;
      for (let i = 0; i < ids.length; i++) {
        const d = ids[i]! - last;
        last = ids[i]!;
        this.varint(d >= 0 ? d * 2 : -d * 2 - 1);
      }
    }
  }

  /** The bytes written so far, and a fresh start. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.at);
    this.at = 0;
    return out;
  }
}

export class PostingsFormatError extends Error {}

let scratch = new Int32Array(0);

/** A token's text: most are plain ASCII, made straight from their bytes (TextDecoder costs more per call). */
function textAt(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string {
  let ascii = true;
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) ascii = false;
  if (!ascii || end - start > 64) return decoder.decode(bytes.subarray(start, end));
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/**
 * The entries of `bytes`; every document number must be below `docs`. The numbers of one line
 * share one Int32Array (each slot a view of it): 4 bytes a posting outside the JS heap, where
 * 36 million JS array elements at 815,000 questions took 290 MB and a second of garbage
 * collection to load.
 */
export function readPostings(bytes: Uint8Array, docs: number): TermEntry[] {
  const out: TermEntry[] = [];
  const end = bytes.length;
  // Every number takes a byte at least, so the line's numbers fit in as many places as it has
  // bytes. The scratch block is reused from line to line: a fresh one each line made tens of MB
  // of buffers per line, and V8 collects garbage whenever that much outside memory is taken.
  if (scratch.length < end) scratch = new Int32Array(Math.max(end, 2 * scratch.length));
  const numbers = scratch;
  let used = 0;
  const views: Array<{ slots: Slots; s: number; from: number; to: number }> = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = { at: 0 };
  while (reader.at < end) {
    const length = varintAt(bytes, reader);
    if (reader.at + length > end) throw new PostingsFormatError("cut short");
    const token = textAt(bytes, reader.at, reader.at + length, decoder);
    reader.at += length;
    const slots: Slots = [];
    for (let s = 0; s < SLOTS; s++) {
      const count = varintAt(bytes, reader);
      // Each number takes a byte at least: a count past what is left is a corrupt line, not an allocation.
      if (count > end - reader.at) throw new PostingsFormatError("a count is larger than the line");
      if (count === 0) continue;
      const from = used;
      // The hot loop: 36 million numbers at 815,000 questions. Local variables only (a variable
      // shared with a closure is read from memory at every use), one-byte numbers inline.
      let at = reader.at;
      let last = 0;
      for (let i = 0; i < count; i++) {
        let z: number;
        const b = at < end ? bytes[at]! : 0x80;
        if (b < 0x80) {
          z = b;
          at++;
        } else {
          reader.at = at;
          z = varintAt(bytes, reader);
          at = reader.at;
        }
        last += (z & 1) === 0 ? z >>> 1 : -((z + 1) >>> 1);
        if (last < 0 || last >= docs) throw new PostingsFormatError("a document number is out of range");
        numbers[used++] = last;
      }
      reader.at = at;
      views.push({ slots, s, from, to: used });
    }
    out.push([token, slots]);
  }
  // The numbers read, copied out of the scratch block in one piece; each slot a view of it.
  const kept = numbers.slice(0, used);
  for (const v of views) v.slots[v.s] = kept.subarray(v.from, v.to);
  return out;
}

/** A LEB128 number at `reader.at`, which moves past it. */
function varintAt(bytes: Uint8Array, reader: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    if (reader.at >= bytes.length) throw new PostingsFormatError("cut short");
    const b = bytes[reader.at++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      // Document numbers and their differences stay far below 2^31; past that the line is corrupt.
      if (value > 0x7fffffff) throw new PostingsFormatError("a number is too large");
      return value;
    }
    scale *= 128;
  }
  throw new PostingsFormatError("a number is too long");
}
