import { createWriteStream } from "node:fs";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { once } from "node:events";
import { crc32 } from "node:zlib";
import { z } from "zod";
import { DocMetaSchema, type DocMeta } from "./documents.ts";
import { LITTLE_ENDIAN, PostingsFormatError, PostingsWriter, readPart } from "./postings-codec.ts";
import type { LoadedItem, SearchIndex } from "./search-index.ts";

/**
 * The snapshot file: a header line, then binary frames read one at a time straight into Buffers.
 *
 *     {"format": ..., "storeId": ..., "revision": N}\n     header, JSON (up to MAX_HEADER_BYTES)
 *     frame: type (1 byte), length (u32 LE), CRC-32 of the payload (u32 LE), payload
 *       "D"  up to 65,535 questions' filter fields, field by field (see the columns below)
 *       "P"  index tokens with their documents (postings-codec.ts), up to 6 MB a frame
 *       "E"  the trailer, JSON {"end": true, "docs": N, "parts": M}: a cut file is refused
 *
 * The header stays a line of JSON so that a snapshot of an older format (lines of base64, before
 * wq-index-6) is refused by its format name and rebuilt. Nothing is ever base64 or a string of
 * megabytes: turning 8 MB lines into strings and back into bytes was a third of a `wq search`'s
 * load. A frame carries the CRC-32 of its bytes: index numbers are decoded only when first
 * searched for, long after loading, so damage is caught when the frame is read. No frame may be
 * over MAX_FRAME_BYTES, which bounds what loading holds at once beside the index itself (and
 * what a damaged length could make it allocate).
 */
export const SnapshotHeaderSchema = z.object({ format: z.string(), storeId: z.string(), revision: z.number().int() });
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

const TrailerSchema = z.object({ end: z.literal(true), docs: z.number().int(), parts: z.number().int() });

const DOCS = 0x44; // "D"
const PART = 0x50; // "P"
const END = 0x45; // "E"
const FRAME_HEAD = 9;
const MAX_HEADER_BYTES = 4096;
/** A frame longer than this is refused unread (the writer makes none near it). */
export const MAX_FRAME_BYTES = 64 * 2 ** 20;
/**
 * Past this many bytes a run of index tokens goes on to the next frame (a token whose own
 * documents are more stays whole, in a frame of its own).
 */
export const MAX_PART_BYTES = 6 * 2 ** 20;

/**
 * Questions' filter fields stored column by column, each column as its distinct values and, per
 * question, the place of its value among them: a docs frame is the columns' values as JSON, then
 * each field's places as 16-bit numbers (u32 LE length of the JSON, the JSON, a zero byte if
 * needed for an even offset, then the places field by field in DocMetaSchema's order):
 *
 *     {"count": 3, "columns": {"id": "1\u007f2\u007f3", "house": "Commons", "bodyId": [17], ...}}
 *
 * Keys are not repeated per question; members, departments, days and statuses repeat a lot, so
 * loaded questions share one string per value instead of one each, and the places are read in
 * place, never as JS numbers. Distinct values that are all strings are joined into one string with
 * SEPARATOR (JSON.parse takes about 0.3 µs a string in an array and a tenth of that to split one
 * long string), others are a JSON array. A null is not a value but the place NULL_PLACE, allowed
 * only in a field whose schema takes null.
 *
 * Checking is zod's, each column with its field's schema. A field whose schema is a plain string
 * (nullable or not) is checked as one string when joined: its values come from splitting it, so
 * each is a string, which is the whole of that schema; checking 120,000 ids and UINs one by one
 * was a fifth of loading the shared corpus. Any other field (an enum, a number, a string with
 * checks) has every distinct value checked against its schema.
 */
const META_KEYS = Object.keys(DocMetaSchema.shape) as Array<keyof DocMeta>;
// DEL: JSON leaves it as it is (a control character below 0x20 would take six bytes, and unescaping them).
const SEPARATOR = "\u007f";
const NULL_PLACE = 0xffff;
/**
 * Questions per docs frame: their places, and NULL_PLACE, must fit 16 bits. As many as fit: each
 * frame costs a JSON parse and a check per column, and at 815,000 questions frames of 16,384 took
 * 5-10% longer to load (a frame's JSON is still only about a megabyte).
 */
export const DOCS_PER_FRAME = 65_535;

type FieldSchema = (typeof DocMetaSchema.shape)[keyof DocMeta];

function isPlainString(schema: FieldSchema): boolean {
  const inner: unknown = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  return inner instanceof z.ZodString && !inner.def.checks?.length;
}

const NULLABLE = new Set(META_KEYS.filter((k) => DocMetaSchema.shape[k].safeParse(null).success));
const PLAIN_STRING = new Set(META_KEYS.filter((k) => isPlainString(DocMetaSchema.shape[k])));

// The frame's shape only; each column's values are then checked with their field's own schema
// (columnValues). A schema per column wrapping each field's (unions, pipes) took 5 ms to build in
// every process, for four frames read.
const DocsFrameSchema = z.object({
  count: z.number().int().min(1).max(DOCS_PER_FRAME),
  columns: z.record(z.string(), z.union([z.string(), z.array(z.unknown())])),
});

/** A column's distinct values, each as its field's schema gives it back; null when one is not the field's. */
function columnValues(key: keyof DocMeta, stored: string | unknown[] | undefined): unknown[] | null {
  if (stored === undefined) return null;
  const values = typeof stored === "string" ? stored.split(SEPARATOR) : stored;
  if (typeof stored === "string" && PLAIN_STRING.has(key)) return values;
  const schema = DocMetaSchema.shape[key];
  const out: unknown[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const checked = schema.safeParse(values[i]);
    if (!checked.success) return null;
    out[i] = checked.data;
  }
  return out;
}

/** A docs frame's payload for up to DOCS_PER_FRAME questions. */
function docsFrame(metas: readonly DocMeta[]): Buffer {
  const columns: Record<string, unknown[] | string> = {};
  const places = Buffer.alloc(META_KEYS.length * metas.length * 2);
  META_KEYS.forEach((k, f) => {
    const values: unknown[] = [];
    const placeOf = new Map<unknown, number>();
    const nullable = NULLABLE.has(k);
    metas.forEach((m, i) => {
      const value = m[k];
      let p = nullable && value === null ? NULL_PLACE : placeOf.get(value);
      if (p === undefined) {
        p = values.push(value) - 1;
        placeOf.set(value, p);
      }
      places.writeUInt16LE(p, 2 * (f * metas.length + i));
    });
    const joinable = values.length > 0 && values.every((v) => typeof v === "string" && !v.includes(SEPARATOR));
    columns[k] = joinable ? values.join(SEPARATOR) : values;
  });
  const json = Buffer.from(JSON.stringify({ count: metas.length, columns }), "utf8");
  const pad = (4 + json.length) % 2;
  const out = Buffer.alloc(4 + json.length + pad + places.length);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  places.copy(out, 4 + json.length + pad);
  return out;
}

/** One field's column: its distinct values, each question's place among them, and whether NULL_PLACE may stand there. */
interface Column<T> {
  values: readonly T[];
  places: Uint16Array;
  nullable: boolean;
}
type Columns = { [K in keyof DocMeta]: Column<DocMeta[K]> };

class PlaceError extends Error {}

function cell<T>(c: Column<T>, i: number): T {
  const p = c.places[i]!;
  const value = c.values[p];
  if (value !== undefined) return value;
  // NULLABLE holds only fields whose schema takes null, so null is one of T's values there.
  if (p === NULL_PLACE && c.nullable) return null as T;
  throw new PlaceError();
}

/** `count` little-endian 16-bit numbers at `at`: viewed in place when aligned on a little-endian machine, else copied. */
function u16s(bytes: Buffer, at: number, count: number): Uint16Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset + at, count);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.readUInt16LE(at + 2 * i);
  return out;
}

/** The questions of a docs frame, checked; throws SnapshotError. */
function readDocs(payload: Buffer, after: number): DocMeta[] {
  const malformed = (why = ""): SnapshotError => new SnapshotError(`the questions after the ${after}th are malformed${why}`);
  if (payload.length < 4) throw malformed();
  const jsonBytes = payload.readUInt32LE(0);
  if (4 + jsonBytes > payload.length) throw malformed();
  const frame = DocsFrameSchema.safeParse(parseJson(payload.toString("utf8", 4, 4 + jsonBytes)));
  if (!frame.success) throw malformed();
  const { count, columns } = frame.data;
  const placesAt = 4 + jsonBytes + ((4 + jsonBytes) % 2);
  if (payload.length !== placesAt + META_KEYS.length * count * 2) throw malformed();
  const checked: Record<string, Column<unknown>> = {};
  for (const [f, k] of META_KEYS.entries()) {
    const values = columnValues(k, columns[k]);
    if (!values) throw malformed(` (its ${k} values)`);
    checked[k] = { values, places: u16s(payload, placesAt + 2 * f * count, count), nullable: NULLABLE.has(k) };
  }
  // Every column's values were checked against its field's schema, so these are DocMeta's columns.
  const c = checked as unknown as Columns;
  const out: DocMeta[] = new Array(count);
  // One object literal naming every field (TypeScript insists on each): V8 makes these several
  // times faster, with a fifth of the garbage collection, than objects filled key by key, which
  // at 815,000 questions is most of a second.
  try {
    for (let i = 0; i < count; i++)
      out[i] = {
        id: cell(c.id, i),
        uin: cell(c.uin, i),
        house: cell(c.house, i),
        dateTabled: cell(c.dateTabled, i),
        dateAnswered: cell(c.dateAnswered, i),
        dateForAnswer: cell(c.dateForAnswer, i),
        namedDay: cell(c.namedDay, i),
        bodyId: cell(c.bodyId, i),
        asker: cell(c.asker, i),
        answerer: cell(c.answerer, i),
        status: cell(c.status, i),
      };
  } catch (e) {
    if (e instanceof PlaceError) throw malformed(" (a field points past its values)");
    throw e;
  }
  return out;
}

/** Thrown when a snapshot file is malformed; the caller rebuilds from the store. */
export class SnapshotError extends Error {}

function frameHead(type: number, payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME_BYTES) throw new Error(`a piece of the index is ${payload.length} bytes, over the ${MAX_FRAME_BYTES} a snapshot may hold`);
  const head = Buffer.alloc(FRAME_HEAD);
  head[0] = type;
  head.writeUInt32LE(payload.length, 1);
  head.writeUInt32LE(crc32(payload), 5);
  return head;
}

/** Writes the index aside and renames it, so a crash never leaves half a snapshot under the real name. */
export async function writeSnapshotFile(
  path: string,
  header: SnapshotHeader,
  index: SearchIndex,
  maxPartBytes = MAX_PART_BYTES,
  docsPerFrame = DOCS_PER_FRAME,
): Promise<void> {
  if (!(docsPerFrame >= 1 && docsPerFrame <= DOCS_PER_FRAME)) throw new RangeError(`a snapshot frame holds 1 to ${DOCS_PER_FRAME} questions`);
  const aside = `${path}.${process.pid}.${Date.now()}.tmp`;
  const out = createWriteStream(aside, { highWaterMark: 1 << 20 });
  let failure: unknown = null;
  out.on("error", (e) => (failure ??= e));
  const put = async (bytes: Uint8Array): Promise<void> => {
    if (failure) throw failure;
    // Wait for the disk when the buffer is full: the export is never held whole in memory.
    if (!out.write(bytes)) await once(out, "drain");
  };
  const frame = async (type: number, payload: Uint8Array): Promise<void> => {
    await put(frameHead(type, payload));
    await put(payload);
  };
  let docs = 0;
  let parts = 0;
  try {
    const head = Buffer.from(JSON.stringify(SnapshotHeaderSchema.parse(header)) + "\n", "utf8");
    if (head.length > MAX_HEADER_BYTES) throw new Error("the snapshot header is too long");
    await put(head);
    const postings = new PostingsWriter();
    const flush = async (): Promise<void> => {
      if (postings.tokens === 0) return;
      parts++;
      await frame(PART, postings.take());
    };
    let pending: DocMeta[] = [];
    const flushDocs = async (): Promise<void> => {
      if (!pending.length) return;
      docs += pending.length;
      const metas = pending;
      pending = [];
      await frame(DOCS, docsFrame(metas));
    };
    await index.snapshot(async (item) => {
      if (item.kind === "docs") {
        for (const m of item.metas) {
          pending.push(m);
          if (pending.length === docsPerFrame) await flushDocs();
        }
        return;
      }
      await flushDocs();
      for (const [token, slots] of item.entries) {
        postings.addParts(token, slots);
        if (postings.length >= maxPartBytes) await flush();
      }
    });
    await flushDocs();
    await flush();
    await frame(END, Buffer.from(JSON.stringify({ end: true, docs, parts }), "utf8"));
    out.end();
    await once(out, "finish");
    if (failure) throw failure;
    await rename(aside, path);
  } catch (e) {
    out.destroy();
    await rm(aside, { force: true });
    throw e;
  }
}

export interface SnapshotReader {
  header: SnapshotHeader;
  /** The pieces after the header; throws SnapshotError on a malformed or cut file. */
  items: AsyncIterable<LoadedItem>;
  close(): void;
}

/** Reads `into` whole from `position`; how many bytes there were (fewer at the end of the file). */
async function readFully(handle: FileHandle, into: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < into.length) {
    const { bytesRead } = await handle.read(into, got, into.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Opens a snapshot file and reads its header; null when there is no file. */
export async function openSnapshotFile(path: string): Promise<SnapshotReader | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch {
    return null;
  }
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    handle.close().catch(() => {});
  };
  let position: number;
  let header;
  try {
    const first = Buffer.alloc(MAX_HEADER_BYTES);
    const got = await readFully(handle, first, 0);
    if (got === 0) throw new SnapshotError("the file is empty");
    const newline = first.subarray(0, got).indexOf(10);
    header = newline < 0 ? null : SnapshotHeaderSchema.safeParse(parseJson(first.toString("utf8", 0, newline)));
    if (!header?.success) throw new SnapshotError("its header is not a wq index header");
    position = newline + 1;
  } catch (e) {
    close();
    throw e;
  }
  const cut = (): SnapshotError => new SnapshotError("the file is cut short (no trailer)");
  /** The frame at `at`: its head checked and its payload read whole, or null at the end of the file. */
  async function readFrame(at: number): Promise<{ type: number; crc: number; payload: Buffer } | null> {
    const head = Buffer.alloc(FRAME_HEAD);
    const got = await readFully(handle, head, at);
    if (got === 0) return null;
    if (got < FRAME_HEAD) throw cut();
    const type = head[0]!;
    const length = head.readUInt32LE(1);
    if (type !== DOCS && type !== PART && type !== END) throw new SnapshotError("a piece is neither questions, an index part nor the trailer");
    if (length > MAX_FRAME_BYTES) throw new SnapshotError(`a piece claims ${length} bytes, over the ${MAX_FRAME_BYTES} allowed`);
    // A Buffer of its own (never a slice of the shared pool): index parts stay referenced by the index.
    const payload = Buffer.allocUnsafeSlow(length);
    if ((await readFully(handle, payload, at + FRAME_HEAD)) < length) throw cut();
    return { type, crc: head.readUInt32LE(5), payload };
  }
  async function* items(): AsyncGenerator<LoadedItem> {
    let docs = 0;
    let parts = 0;
    let next = readFrame(position);
    try {
      for (;;) {
        const frame = await next;
        if (!frame) throw cut();
        const { type, payload } = frame;
        position += FRAME_HEAD + payload.length;
        // The next frame is read from the disk while this one is decoded: at 815,000 questions
        // waiting for each read in turn was a tenth of the load. At most two frames are held.
        next = type === END ? Promise.resolve(null) : readFrame(position);
        next.catch(() => {});
        const what = type === DOCS ? `the questions after the ${docs}th are` : type === PART ? `index part ${parts + 1} is` : "the trailer is";
        if (crc32(payload) !== frame.crc) throw new SnapshotError(`${what} damaged (its checksum does not match)`);
        if (type === DOCS) {
          // Index parts are checked against the number of questions before them: all of them.
          if (parts > 0) throw new SnapshotError("questions follow the index parts");
          const metas = readDocs(payload, docs);
          docs += metas.length;
          yield { kind: "docs", metas };
        } else if (type === PART) {
          parts++;
          let entries;
          try {
            entries = readPart(payload, docs);
          } catch (e) {
            if (e instanceof PostingsFormatError) throw new SnapshotError(`index part ${parts} is malformed (${e.message})`);
            throw e;
          }
          yield { kind: "encoded", entries };
        } else {
          const trailer = TrailerSchema.safeParse(parseJson(payload.toString("utf8")));
          if (!trailer.success) throw new SnapshotError("the trailer is malformed");
          if (trailer.data.docs !== docs || trailer.data.parts !== parts) throw new SnapshotError("the trailer's counts do not match the file");
          if ((await readFully(handle, Buffer.alloc(1), position)) !== 0) throw new SnapshotError("there are bytes after the trailer");
          return;
        }
      }
    } finally {
      close();
    }
  }
  return { header: header.data, items: items(), close };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
