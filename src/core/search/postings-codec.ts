import { TextDecoder } from "node:util";

/**
 * Index tokens with their documents as bytes, for the snapshot: per token its UTF-8 bytes, then
 * for each of the three field slots the count, the byte length and the differences between
 * successive document numbers, all as LEB128 varints (zigzag for the differences, so any order
 * round-trips). Most differences fit one byte: at 815,000 questions this is a seventh of
 * flexsearch's JSON export.
 *
 * Loading does not decode the numbers: thanks to the byte lengths a line is cut into tokens at
 * once, each token's bytes kept as they are (a third of the memory of Int32Arrays) and decoded
 * the first time a search or an added question needs that token. Decoding every number at load
 * was half a second at 815,000 questions, for tokens most runs never look up.
 */

/** A token and its documents in each slot: JS arrays while indexing, Int32Arrays once decoded. */
export type Slots = Array<ArrayLike<number> | undefined>;
export type TermEntry = [string, Slots];

/** A token's slots as stored, decoded on first need; numbers must stay below `docs`. */
export interface EncodedSlots {
  bytes: Uint8Array;
  docs: number;
}

const SLOTS = 3;

export class PostingsFormatError extends Error {}

class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.at));
    this.bytes = next;
  }

  varint(value: number): void {
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.bytes[this.at++] = v;
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.at);
    this.at += bytes.length;
  }
}

export class PostingsWriter {
  private readonly out = new ByteWriter();
  /** One slot's numbers, before its length is known. */
  private readonly slot = new ByteWriter();

  get length(): number {
    return this.out.at;
  }

  add(token: string, slots: readonly (ArrayLike<number> | undefined)[]): void {
    const text = Buffer.from(token, "utf8");
    this.out.varint(text.length);
    this.out.append(text);
    for (let s = 0; s < SLOTS; s++) {
      const ids = slots[s] ?? [];
      this.slot.at = 0;
      let last = 0;
      for (let i = 0; i < ids.length; i++) {
        const d = ids[i]! - last;
        last = ids[i]!;
        this.slot.varint(d >= 0 ? d * 2 : -d * 2 - 1);
      }
      this.out.varint(ids.length);
      this.out.varint(this.slot.at);
      this.out.append(this.slot.bytes.subarray(0, this.slot.at));
    }
  }

  /** The bytes written so far, and a fresh start. */
  take(): Uint8Array {
    const out = this.out.bytes.slice(0, this.out.at);
    this.out.at = 0;
    return out;
  }
}

/** A LEB128 number at `reader.at`, which moves past it; below 2^31 (past that the bytes are corrupt). */
function varintAt(bytes: Uint8Array, reader: { at: number }, end = bytes.length): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 5; i++) {
    if (reader.at >= end) throw new PostingsFormatError("cut short");
    const b = bytes[reader.at++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (value > 0x7fffffff) throw new PostingsFormatError("a number is too large");
      return value;
    }
    scale *= 128;
  }
  throw new PostingsFormatError("a number is too long");
}

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
 * The tokens of `bytes`, each with its slots still encoded (see decodeSlots). The structure is
 * checked here (every length within the line, a byte at least per number); the numbers when
 * decoded. `docs`: how many documents there are, which every number must stay below.
 */
export function scanPostings(bytes: Uint8Array, docs: number): Array<[string, EncodedSlots]> {
  const out: Array<[string, EncodedSlots]> = [];
  const end = bytes.length;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = { at: 0 };
  while (reader.at < end) {
    const length = varintAt(bytes, reader);
    if (reader.at + length > end) throw new PostingsFormatError("cut short");
    const token = textAt(bytes, reader.at, reader.at + length, decoder);
    reader.at += length;
    const start = reader.at;
    for (let s = 0; s < SLOTS; s++) {
      const count = varintAt(bytes, reader);
      const size = varintAt(bytes, reader);
      if (size < count) throw new PostingsFormatError("a slot is shorter than its count");
      if (reader.at + size > end) throw new PostingsFormatError("cut short");
      reader.at += size;
    }
    out.push([token, { bytes: bytes.subarray(start, reader.at), docs }]);
  }
  return out;
}

/** A token's slots from their stored bytes; throws PostingsFormatError on any number out of place. */
export function decodeSlots({ bytes, docs }: EncodedSlots): Slots {
  const slots: Slots = [];
  const reader = { at: 0 };
  for (let s = 0; s < SLOTS; s++) {
    const count = varintAt(bytes, reader);
    const size = varintAt(bytes, reader);
    const end = reader.at + size;
    if (size < count || end > bytes.length) throw new PostingsFormatError("cut short");
    if (count === 0) {
      if (size !== 0) throw new PostingsFormatError("an empty slot has bytes");
      continue;
    }
    const ids = new Int32Array(count);
    // The hot loop. Local variables only (a variable shared with a closure is read from memory
    // at every use), one-byte numbers inline.
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
        z = varintAt(bytes, reader, end);
        at = reader.at;
      }
      last += (z & 1) === 0 ? z >>> 1 : -((z + 1) >>> 1);
      if (last < 0 || last >= docs) throw new PostingsFormatError("a document number is out of range");
      ids[i] = last;
    }
    if (at !== end) throw new PostingsFormatError("a slot's numbers do not fill its bytes");
    reader.at = end;
    slots[s] = ids;
  }
  if (reader.at !== bytes.length) throw new PostingsFormatError("bytes after the last slot");
  return slots;
}

/** Every token of `bytes` decoded (tests, and checking a whole line). */
export function readPostings(bytes: Uint8Array, docs: number): TermEntry[] {
  return scanPostings(bytes, docs).map(([token, encoded]) => [token, decodeSlots(encoded)]);
}
