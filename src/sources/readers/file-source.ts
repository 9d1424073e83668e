import { createReadStream } from "node:fs";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";

/** Per file, after decompression. The largest real dump (a 50,000-question list) is about 80 MB. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A file that unpacks past the limit: a gzip bomb (1.5 MB to 1.5 GB) or not a dump at all. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB, the limit for a file of its kind (WQ_IMPORT_MAX_FILE_MB)`);
    this.name = "FileTooLargeError";
  }
}

/** Passes bytes through until `maxBytes` have gone by, then fails: the stream stops there. */
class SizeCap extends Transform {
  private seen = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) done(new FileTooLargeError(this.maxBytes));
    else done(null, chunk);
  }
}

export interface DecodedFile {
  /** The file's bytes, gunzipped when its name ends in .gz, failing past the cap. */
  stream: Readable;
  /** Bytes read from disk so far (compressed), for a progress bar. */
  bytesRead: () => number;
}

/** Opens a file as a stream of its (decompressed) bytes, bounded in size. */
export function openDecoded(path: string, maxBytes: number): DecodedFile {
  const raw = createReadStream(path);
  const cap = new SizeCap(maxBytes);
  const forward = (e: Error): void => {
    cap.destroy(e);
  };
  raw.on("error", forward);
  if (path.toLowerCase().endsWith(".gz")) {
    const gunzip = createGunzip();
    gunzip.on("error", forward);
    raw.pipe(gunzip).pipe(cap);
    // Stopping early (a peek, an error) must release the file and the inflater too.
    cap.on("close", () => {
      raw.destroy();
      gunzip.destroy();
    });
  } else {
    raw.pipe(cap);
    cap.on("close", () => raw.destroy());
  }
  return { stream: cap, bytesRead: () => raw.bytesRead };
}

/**
 * Files read whole (seed pages, list responses, single items) are small: a seed page is a few KB,
 * a list page of 100 items about 300 KB. Past this they are not what they claim to be.
 */
export const MAX_WHOLE_FILE_BYTES = 32 * 1024 * 1024;

/** The whole stream as UTF-8 text, for the small files above; larger fails like the cap. */
export async function readAllText(stream: Readable, maxBytes = MAX_WHOLE_FILE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The first character that is not JSON whitespace, and a stream that still yields every byte:
 * how an import tells a big array (streamed item by item) from a small object (read whole).
 */
export async function peekFirstChar(stream: Readable): Promise<{ first: string | null; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const held: Buffer[] = [];
  let first: string | null = null;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const at = next.value.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
    if (at >= 0) {
      held.push(next.value);
      first = String.fromCharCode(next.value[at]!);
      break;
    }
    // Leading whitespace is not kept: a file of nothing else is read up to the cap, then fails.
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* held;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const rest = Readable.from(replay(), { objectMode: false });
  rest.on("close", () => stream.destroy());
  return { first, stream: rest };
}
