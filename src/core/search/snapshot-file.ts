import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { z } from "zod";
import { DocMetaSchema, type DocMeta } from "./documents.ts";
import { crc32 } from "node:zlib";
import { PostingsFormatError, PostingsWriter, scanPostings } from "./postings-codec.ts";
import type { LoadedItem, SearchIndex } from "./search-index.ts";

/**
 * The snapshot file, one line per piece so it loads as a stream:
 *
 *     {"format": ..., "storeId": ..., "revision": N}      header
 *     D{"id": [...], "house": [...], ...}                 2,000 questions a line, field by field
 *     P<crc32 hex> <base64>                               index tokens with their documents (postings-codec.ts), up to 8 MB a line
 *     {"end": true, "docs": N, "parts": M}                 trailer: a cut file is refused
 *
 * JSON never holds a raw newline outside strings and base64 none at all, so no piece can hold
 * the separator. An index line carries the CRC-32 of its bytes: their numbers are decoded only
 * when first searched for, long after loading, so damage is caught when the line is read. No line is much over 8 MB (MAX_PART_CHARS), which bounds what loading holds
 * at once beside the index itself.
 */
export const SnapshotHeaderSchema = z.object({ format: z.string(), storeId: z.string(), revision: z.number().int() });
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

const TrailerSchema = z.object({ end: z.literal(true), docs: z.number().int(), parts: z.number().int() });

/**
 * Questions' filter fields stored column by column, each column as its distinct values and, per
 * question, the place of its value among them, as base64 of 16-bit numbers (a line holds 2,000
 * questions, so places fit): `{"house": [["Commons", "Lords"], "AAAAAAEA..."]}`. Keys are not
 * repeated per question; members, departments, days and statuses repeat a lot, so loaded
 * questions share one string per value instead of one each, and the places are decoded outside
 * the JS heap (as JSON numbers they were 7 million short-lived values at 815,000 questions, most
 * of the load's garbage collection). Distinct values that are all strings (ids, UINs) are joined
 * into one string with SEPARATOR: JSON.parse takes about 0.3 µs a string in an array and a tenth
 * of that to split one long string. Each column's values are checked with that field's own schema.
 */
const META_KEYS = Object.keys(DocMetaSchema.shape) as Array<keyof DocMeta>;
const SEPARATOR = "\u0001";
const Places = z.string().transform((text, ctx) => {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 2 !== 0) {
    ctx.addIssue({ code: "custom", message: "places must be 16-bit numbers" });
    return z.NEVER;
  }
  // Copied out, not viewed: a small Buffer may start at an odd offset of a shared pool.
  const places = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < places.length; i++) places[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return places;
});
const ColumnsSchema = z
  .object(
    Object.fromEntries(
      META_KEYS.map((k) => [k, z.tuple([z.union([z.string().transform((joined) => joined.split(SEPARATOR)), z.array(z.unknown())]).pipe(z.array(DocMetaSchema.shape[k])), Places])]),
    ),
  )
  .refine((c) => new Set(Object.values(c).map((v) => (v as [unknown[], Uint16Array])[1].length)).size === 1, "its fields differ in length")
  .refine((c) => Object.values(c).every((v) => {
    const [values, places] = v as [unknown[], Uint16Array];
    for (let i = 0; i < places.length; i++) if (places[i]! >= values.length) return false;
    return true;
  }), "a field points past its values");

function toColumns(metas: readonly DocMeta[]): Record<string, [unknown[] | string, string]> {
  return Object.fromEntries(
    META_KEYS.map((k) => {
      const values: unknown[] = [];
      const placeOf = new Map<unknown, number>();
      const places = Buffer.alloc(metas.length * 2);
      metas.forEach((m, i) => {
        let p = placeOf.get(m[k]);
        if (p === undefined) {
          p = values.push(m[k]) - 1;
          placeOf.set(m[k], p);
        }
        places.writeUInt16LE(p, 2 * i);
      });
      const joinable = values.length > 1 && values.every((v) => typeof v === "string" && !v.includes(SEPARATOR));
      return [k, [joinable ? values.join(SEPARATOR) : values, places.toString("base64")]];
    }),
  );
}

/** One field's column: its distinct values and each question's place among them. */
type Column<T> = [T[], Uint16Array];
type Columns = { [K in keyof DocMeta]: Column<DocMeta[K]> };
const at = <T>([values, places]: Column<T>, i: number): T => values[places[i]!]!;

function fromColumns(c: Columns): DocMeta[] {
  const n = c.id[1].length;
  const out: DocMeta[] = new Array(n);
  // One object literal naming every field (TypeScript insists on each): V8 makes these several
  // times faster, with a fifth of the garbage collection, than objects filled key by key, which
  // at 815,000 questions is most of a second.
  for (let i = 0; i < n; i++)
    out[i] = {
      id: at(c.id, i),
      uin: at(c.uin, i),
      house: at(c.house, i),
      dateTabled: at(c.dateTabled, i),
      dateAnswered: at(c.dateAnswered, i),
      dateForAnswer: at(c.dateForAnswer, i),
      namedDay: at(c.namedDay, i),
      bodyId: at(c.bodyId, i),
      asker: at(c.asker, i),
      answerer: at(c.answerer, i),
      status: at(c.status, i),
    };
  return out;
}

/** Thrown when a snapshot file is malformed; the caller rebuilds from the store. */
export class SnapshotError extends Error {}

/**
 * Past this many characters of base64 a run of index tokens goes on to the next line (a token
 * whose own documents are more stays whole, on a line of its own).
 */
export const MAX_PART_CHARS = 8 * 2 ** 20;

/** Writes the index aside and renames it, so a crash never leaves half a snapshot under the real name. */
export async function writeSnapshotFile(path: string, header: SnapshotHeader, index: SearchIndex, maxPartChars = MAX_PART_CHARS): Promise<void> {
  const aside = `${path}.${process.pid}.${Date.now()}.tmp`;
  const out = createWriteStream(aside, { highWaterMark: 1 << 20 });
  let failure: unknown = null;
  out.on("error", (e) => (failure ??= e));
  const line = async (text: string): Promise<void> => {
    if (failure) throw failure;
    // Wait for the disk when the buffer is full: the export is never held whole in memory.
    if (!out.write(text + "\n")) await once(out, "drain");
  };
  let docs = 0;
  let parts = 0;
  try {
    await line(JSON.stringify(SnapshotHeaderSchema.parse(header)));
    const maxBytes = Math.max(1, Math.floor((maxPartChars * 3) / 4));
    const postings = new PostingsWriter();
    const flush = async (): Promise<void> => {
      if (postings.length === 0) return;
      parts++;
      const bytes = postings.take();
      await line(`P${crc32(bytes).toString(16).padStart(8, "0")} ${Buffer.from(bytes).toString("base64")}`);
    };
    await index.snapshot(async (item) => {
      if (item.kind === "docs") {
        docs += item.metas.length;
        return line("D" + JSON.stringify(toColumns(item.metas)));
      }
      for (const [token, slots] of item.entries) {
        postings.add(token, slots);
        if (postings.length >= maxBytes) await flush();
      }
    });
    await flush();
    await line(JSON.stringify({ end: true, docs, parts }));
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

/** Opens a snapshot file and reads its header; null when there is no file. */
export async function openSnapshotFile(path: string): Promise<SnapshotReader | null> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    await once(stream, "open");
  } catch {
    stream.destroy();
    return null;
  }
  const lines = linesOf(stream)[Symbol.asyncIterator]();
  const close = (): void => {
    stream.destroy();
  };
  const first = await lines.next();
  if (first.done) {
    close();
    throw new SnapshotError("the file is empty");
  }
  const header = SnapshotHeaderSchema.safeParse(parseJson(first.value));
  if (!header.success) {
    close();
    throw new SnapshotError("its header is not a wq index header");
  }
  async function* items(): AsyncGenerator<LoadedItem> {
    let docs = 0;
    let parts = 0;
    try {
      for (;;) {
        const next = await lines.next();
        if (next.done) throw new SnapshotError("the file is cut short (no trailer)");
        const text = next.value;
        if (text.startsWith("D")) {
          const columns = ColumnsSchema.safeParse(parseJson(text.slice(1)));
          if (!columns.success) throw new SnapshotError(`the questions after the ${docs}th are malformed`);
          // Every column's values were checked against its field's schema, so these are DocMeta's columns.
          const metas = fromColumns(columns.data as unknown as Columns);
          docs += metas.length;
          yield { kind: "docs", metas };
        } else if (text.startsWith("P")) {
          parts++;
          const crc = /^P([0-9a-f]{8}) /.exec(text.slice(0, 10));
          // Buffer skips stray characters in base64; the checksum catches what they would break.
          const bytes = crc ? Buffer.from(text.slice(10), "base64") : null;
          if (!bytes || crc32(bytes) !== Number.parseInt(crc![1]!, 16)) throw new SnapshotError(`index part ${parts} is damaged (its checksum does not match)`);
          try {
            yield { kind: "encoded", entries: scanPostings(bytes, docs) };
          } catch (e) {
            if (e instanceof PostingsFormatError) throw new SnapshotError(`index part ${parts} is malformed (${e.message})`);
            throw e;
          }
        } else {
          const trailer = TrailerSchema.safeParse(parseJson(text));
          if (!trailer.success) throw new SnapshotError("a line is neither a question, an index part nor the trailer");
          if (trailer.data.docs !== docs || trailer.data.parts !== parts) throw new SnapshotError("the trailer's counts do not match the file");
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

/**
 * The lines of a byte stream. Unlike readline, a line of many megabytes (a flexsearch chunk) is
 * joined once from its buffers rather than grown string by string.
 */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      yield Buffer.concat(pending).toString("utf8");
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending).toString("utf8");
}
