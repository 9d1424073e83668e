import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { z } from "zod";
import { DocMetaSchema, type DocMeta } from "./documents.ts";
import type { SearchIndex, SnapshotItem } from "./search-index.ts";

/**
 * The snapshot file, one line per piece so it loads as a stream:
 *
 *     {"format": ..., "storeId": ..., "revision": N}      header
 *     D{"id": [...], "house": [...], ...}                 2,000 questions a line, field by field
 *     P<flexsearch key>\t<flexsearch chunk JSON>           one line per export chunk (or per 8 MB of one)
 *     {"end": true, "docs": N, "parts": M}                 trailer: a cut file is refused
 *
 * JSON never holds a raw newline or tab outside strings, and flexsearch keys are dotted names,
 * so neither separator can occur inside a piece. No line is much over 8 MB (MAX_PART_CHARS), which
 * bounds what loading holds at once beside the index itself.
 */
export const SnapshotHeaderSchema = z.object({ format: z.string(), storeId: z.string(), revision: z.number().int() });
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

const TrailerSchema = z.object({ end: z.literal(true), docs: z.number().int(), parts: z.number().int() });
const PartKeySchema = z.string().regex(/^[\w.]+$/);

/**
 * Questions' filter fields stored column by column: each field's values as one array, checked
 * with that field's own schema. Keys are not repeated per question, and checking arrays of plain
 * values is several times faster than checking objects: at 815,000 questions that is seconds.
 */
const META_KEYS = Object.keys(DocMetaSchema.shape) as Array<keyof DocMeta>;
const ColumnsSchema = z
  .object(Object.fromEntries(META_KEYS.map((k) => [k, z.array(DocMetaSchema.shape[k])])))
  .refine((c) => new Set(Object.values(c).map((v) => (v as unknown[]).length)).size === 1, "its fields differ in length");

function toColumns(metas: readonly DocMeta[]): Record<string, unknown[]> {
  return Object.fromEntries(META_KEYS.map((k) => [k, metas.map((m) => m[k])]));
}

function fromColumns(columns: Record<string, unknown[]>): DocMeta[] {
  const n = columns[META_KEYS[0]!]!.length;
  const out: DocMeta[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const meta: Record<string, unknown> = {};
    for (const k of META_KEYS) meta[k] = columns[k]![i];
    // Every column was checked against its field's schema, so the row is a DocMeta.
    out[i] = meta as DocMeta;
  }
  return out;
}

/** Thrown when a snapshot file is malformed; the caller rebuilds from the store. */
export class SnapshotError extends Error {}

/**
 * Past this many characters a flexsearch chunk is cut into several lines. flexsearch sizes its
 * chunks by number of words, not bytes, so a chunk of common words held 187 MB at 815,000
 * questions. Each of its chunks is a JSON array of entries that import adds to what is already
 * there (ids, [word, ids] pairs), so a run of whole entries imports alike under the same key.
 */
export const MAX_PART_CHARS = 8 * 2 ** 20;

function* cutPart(data: string, max: number): Generator<string> {
  if (data.length <= max) {
    yield data;
    return;
  }
  const entries = z.array(z.unknown()).parse(JSON.parse(data));
  let group: string[] = [];
  let size = 2;
  for (const entry of entries) {
    const text = JSON.stringify(entry);
    if (group.length && size + text.length > max) {
      yield `[${group.join(",")}]`;
      group = [];
      size = 2;
    }
    group.push(text);
    size += text.length + 1;
  }
  if (group.length) yield `[${group.join(",")}]`;
}

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
    await index.snapshot((item) => {
      if (item.kind === "docs") {
        docs += item.metas.length;
        return line("D" + JSON.stringify(toColumns(item.metas)));
      }
      const key = PartKeySchema.parse(item.key);
      return (async () => {
        for (const piece of cutPart(item.data, maxPartChars)) {
          parts++;
          await line(`P${key}\t${piece}`);
        }
      })();
    });
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
  items: AsyncIterable<SnapshotItem>;
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
  async function* items(): AsyncGenerator<SnapshotItem> {
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
          const metas = fromColumns(columns.data as Record<string, unknown[]>);
          docs += metas.length;
          yield { kind: "docs", metas };
        } else if (text.startsWith("P")) {
          const tab = text.indexOf("\t");
          const key = PartKeySchema.safeParse(text.slice(1, tab));
          if (tab < 0 || !key.success) throw new SnapshotError(`index part ${parts + 1} is malformed`);
          parts++;
          yield { kind: "part", key: key.data, data: text.slice(tab + 1) };
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
