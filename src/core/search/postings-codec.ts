import { isUtf8 } from "node:buffer";

/**
 * Index tokens with their documents as bytes, for the snapshot. A part holds many tokens:
 *
 *     u32 LE  tokens T
 *     u32 LE  bytes of the token texts
 *     the token texts, UTF-8, joined by a zero byte
 *     zero bytes up to a multiple of 4 from the part's start
 *     u32 LE  × T: where each token's postings end, from the start of the postings
 *     the postings, token after token
 *
 * A token's postings are, for each of the three field slots, the count, the byte length and the
 * differences between successive document numbers, all as LEB128 varints (zigzag for the
 * differences, so any order round-trips). Most differences fit one byte: at 815,000 questions
 * this is a seventh of flexsearch's JSON export.
 *
 * Loading does not decode the numbers, nor read the tokens one by one: the texts are decoded in
 * one call and split, the ends are read in place, and each token keeps its place in the part's
 * bytes, decoded the first time a search or an added question needs that token. Decoding every
 * number at load was half a second at 815,000 questions, for tokens most runs never look up.
 */

/** A token and its documents in each slot: JS arrays while indexing, Int32Arrays once decoded. */
export type Slots = Array<ArrayLike<number> | undefined>;
export type TermEntry = [string, Slots];
/**
 * A token's documents in each slot as runs read one after another, in order across runs: what
 * the index holds (postings loaded or compacted, then those flexsearch took since), written
 * without first being joined into one copy per token.
 */
export type SlotParts = ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
export type TermParts = [string, SlotParts];

/** A token's slots as stored, `bytes[start, end)`, decoded on first need; numbers must stay below `docs`. */
export interface EncodedSlots {
  bytes: Uint8Array;
  start: number;
  end: number;
  docs: number;
}

const SLOTS = 3;
const TEXT_SEPARATOR = 0;
/** Whether typed arrays read this machine's memory little-endian, as the snapshot stores numbers (node:os, which says so too, costs a `wq search` a millisecond to load). */
export const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

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
  private texts: Buffer[] = [];
  private textBytes = 0;
  private ends: number[] = [];
  private readonly postings = new ByteWriter();
  /** One slot's numbers, before its length is known. */
  private readonly slot = new ByteWriter();

  /** Tokens added since the last take(). */
  get tokens(): number {
    return this.ends.length;
  }

  /** Bytes the part would take now. */
  get length(): number {
    return 12 + this.textBytes + this.texts.length + 4 * this.ends.length + this.postings.at;
  }

  add(token: string, slots: readonly (ArrayLike<number> | undefined)[]): void {
    this.addParts(token, slots.map((ids) => (ids ? [ids] : [])));
  }

  /** A token whose slots are each runs of numbers, written as if joined. */
  addParts(token: string, slots: SlotParts): void {
    const start = this.postings.at;
    for (let s = 0; s < SLOTS; s++) {
      this.slot.at = 0;
      let last = 0;
      let count = 0;
      for (const ids of slots[s] ?? []) {
        for (let i = 0; i < ids.length; i++) {
          const d = ids[i]! - last;
          last = ids[i]!;
          this.slot.varint(d >= 0 ? d * 2 : -d * 2 - 1);
        }
        count += ids.length;
      }
      this.postings.varint(count);
      this.postings.varint(this.slot.at);
      this.postings.append(this.slot.bytes.subarray(0, this.slot.at));
    }
    this.addEncoded(token, this.postings.bytes.subarray(start, this.postings.at), true);
  }

  /** A token whose postings are already bytes in the layout above (tests write malformed ones so). */
  addEncoded(token: string, postings: Uint8Array, written = false): void {
    const text = Buffer.from(token, "utf8");
    // The encoder splits words at anything not a letter or digit, so no token holds a zero byte.
    if (text.includes(TEXT_SEPARATOR)) throw new Error(`a token holds a zero byte: ${JSON.stringify(token)}`);
    if (!written) this.postings.append(postings);
    this.texts.push(text);
    this.textBytes += text.length;
    this.ends.push(this.postings.at);
  }

  /** The part written so far, and a fresh start. */
  take(): Uint8Array {
    const count = this.ends.length;
    const textBytes = count === 0 ? 0 : this.textBytes + count - 1;
    const endsAt = align4(8 + textBytes);
    const postingsAt = endsAt + 4 * count;
    const out = Buffer.alloc(postingsAt + this.postings.at);
    out.writeUInt32LE(count, 0);
    out.writeUInt32LE(textBytes, 4);
    let at = 8;
    this.texts.forEach((text, i) => {
      if (i > 0) out[at++] = TEXT_SEPARATOR;
      out.set(text, at);
      at += text.length;
    });
    this.ends.forEach((end, i) => out.writeUInt32LE(end, endsAt + 4 * i));
    out.set(this.postings.bytes.subarray(0, this.postings.at), postingsAt);
    this.texts = [];
    this.textBytes = 0;
    this.ends = [];
    this.postings.at = 0;
    return out;
  }
}

const align4 = (n: number): number => (n + 3) & ~3;

/** `count` little-endian u32s at `at`: viewed in place when aligned on a little-endian machine, else copied. */
function u32s(bytes: Uint8Array, at: number, count: number): Uint32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset + at, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 4 * count);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, true);
  return out;
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

/**
 * The tokens of a part, each with its slots still encoded (see decodeSlots). The part's layout is
 * checked here (the counts, the texts as UTF-8, every end in order and within the part, each
 * token's slot counts and lengths filling its bytes); the numbers when decoded. `docs`: how many documents there are, which every
 * number must stay below.
 */
export function readPart(bytes: Uint8Array, docs: number): Array<[string, EncodedSlots]> {
  if (bytes.length < 8) throw new PostingsFormatError("cut short");
  const head = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const count = head.getUint32(0, true);
  const textBytes = head.getUint32(4, true);
  const endsAt = align4(8 + textBytes);
  const postingsAt = endsAt + 4 * count;
  if (postingsAt > bytes.length) throw new PostingsFormatError("cut short");
  const text = bytes.subarray(8, 8 + textBytes);
  // isUtf8 and one decode: a fatal TextDecoder checks the same but costs milliseconds to set up.
  if (!isUtf8(text)) throw new PostingsFormatError("a token is not UTF-8");
  const tokens = count === 0 ? [] : Buffer.from(text.buffer, text.byteOffset, text.length).toString("utf8").split("\0");
  if (tokens.length !== count || (count === 0 && textBytes !== 0)) throw new PostingsFormatError("the tokens do not match their count");
  const ends = u32s(bytes, endsAt, count);
  const out = new Array<[string, EncodedSlots]>(count);
  const reader = { at: postingsAt };
  let start = postingsAt;
  for (let i = 0; i < count; i++) {
    const end = postingsAt + ends[i]!;
    if (end < start || end > bytes.length) throw new PostingsFormatError("a token's postings are out of place");
    // The slots' counts and lengths must fill the token's bytes exactly (their numbers are checked when decoded).
    for (let s = 0; s < SLOTS; s++) {
      const n = varintAt(bytes, reader, end);
      const size = varintAt(bytes, reader, end);
      if (size < n) throw new PostingsFormatError("a slot is shorter than its count");
      reader.at += size;
    }
    if (reader.at !== end) throw new PostingsFormatError("a token's slots do not fill its bytes");
    out[i] = [tokens[i]!, { bytes, start, end, docs }];
    start = end;
  }
  if (start !== bytes.length) throw new PostingsFormatError("bytes after the last token");
  return out;
}

/** A token's slots from their stored bytes; throws PostingsFormatError on any number out of place. */
export function decodeSlots({ bytes, start, end: last, docs }: EncodedSlots): Slots {
  const slots: Slots = [];
  const reader = { at: start };
  for (let s = 0; s < SLOTS; s++) {
    const count = varintAt(bytes, reader, last);
    const size = varintAt(bytes, reader, last);
    const end = reader.at + size;
    if (size < count) throw new PostingsFormatError("a slot is shorter than its count");
    if (end > last) throw new PostingsFormatError("cut short");
    if (count === 0) {
      if (size !== 0) throw new PostingsFormatError("an empty slot has bytes");
      continue;
    }
    const ids = new Int32Array(count);
    // The hot loop. Local variables only (a variable shared with a closure is read from memory
    // at every use), one-byte numbers inline.
    let at = reader.at;
    let previous = 0;
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
      previous += (z & 1) === 0 ? z >>> 1 : -((z + 1) >>> 1);
      if (previous < 0 || previous >= docs) throw new PostingsFormatError("a document number is out of range");
      ids[i] = previous;
    }
    if (at !== end) throw new PostingsFormatError("a slot's numbers do not fill its bytes");
    reader.at = end;
    slots[s] = ids;
  }
  if (reader.at !== last) throw new PostingsFormatError("bytes after the last slot");
  return slots;
}

/** Every token of a part decoded (tests, and checking a whole part). */
export function readPostings(bytes: Uint8Array, docs: number): TermEntry[] {
  return readPart(bytes, docs).map(([token, encoded]) => [token, decodeSlots(encoded)]);
}
