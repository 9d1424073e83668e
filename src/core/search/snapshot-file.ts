import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { z } from "zod";
import { DocMetaSchema } from "./documents.ts";
import type { SearchIndex, SnapshotItem } from "./search-index.ts";

/**
 * The snapshot file, one line per piece so it loads as a stream:
 *
 *     {"format": ..., "storeId": ..., "revision": N}      header
 *     D<doc meta JSON>                                     one line per question
 *     P<flexsearch key>\t<flexsearch chunk JSON>           one line per export chunk
 *     {"end": true, "docs": N, "parts": M}                 trailer: a cut file is refused
 *
 * JSON never holds a raw newline or tab outside strings, and flexsearch keys are dotted names,
 * so neither separator can occur inside a piece. The largest line is one flexsearch chunk (a few
 * MB at 815,000 questions), which bounds what loading holds at once beside the index itself.
 */
export const SnapshotHeaderSchema = z.object({ format: z.string(), storeId: z.string(), revision: z.number().int() });
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

const TrailerSchema = z.object({ end: z.literal(true), docs: z.number().int(), parts: z.number().int() });
const PartKeySchema = z.string().regex(/^[\w.]+$/);

/** Thrown when a snapshot file is malformed; the caller rebuilds from the store. */
export class SnapshotError extends Error {}

/** Writes the index aside and renames it, so a crash never leaves half a snapshot under the real name. */
export async function writeSnapshotFile(path: string, header: SnapshotHeader, index: SearchIndex): Promise<void> {
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
      if (item.kind === "doc") {
        docs++;
        return line("D" + JSON.stringify(item.meta));
      }
      parts++;
      return line(`P${PartKeySchema.parse(item.key)}\t${item.data}`);
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
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    await once(stream, "open");
  } catch {
    stream.destroy();
    return null;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
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
          const meta = DocMetaSchema.safeParse(parseJson(text.slice(1)));
          if (!meta.success) throw new SnapshotError(`question ${docs + 1} is malformed`);
          docs++;
          yield { kind: "doc", meta: meta.data };
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
