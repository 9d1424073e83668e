import type { Logger } from "../../logger.ts";
import type { Question } from "../../model/question.ts";
import { encodeFields, fieldTexts, metaOf, type DocMeta, type FieldTexts } from "./documents.ts";
import { EncoderPool, encoderThreads } from "./encoder-pool.ts";
import type { IndexEngine } from "./engine.ts";

/**
 * Below this many questions the tokens are encoded in this thread: starting a thread costs more
 * than it saves (an encoder thread loads its modules in a tenth of a second or more).
 */
export const THREADS_AFTER = 5_000;

/**
 * Batches sent to the encoder threads and not yet added. Enough to keep every thread busy while
 * this thread adds the oldest; few enough that the texts waiting stay a few megabytes.
 */
const IN_FLIGHT = 4;

export interface FeedOptions {
  /** Encoder threads to use once THREADS_AFTER questions have been read (encoderThreads() when absent; 0: none). */
  threads?: number;
  /** Questions read in this thread before threads are started (THREADS_AFTER when absent). */
  threadsAfter?: number;
  logger?: Logger;
  /** Starts the threads (an EncoderPool); tests hand in one that fails. */
  startPool?: (threads: number) => TokenEncoder;
}

/** What feedIndex needs of an EncoderPool. */
export type TokenEncoder = Pick<EncoderPool, "encode" | "close">;

interface Waiting {
  metas: DocMeta[];
  texts: FieldTexts[];
  tokens: Promise<string[]>;
}

/**
 * Adds every question of `batches` to `engine`, in order; returns how many. Encoding the texts
 * into tokens is most of a build's time, so past `threadsAfter` questions it is done in encoder
 * threads while this thread reads the next batches and adds those encoded: on two cores the build
 * at 815,000 questions went from 139 s to 94 s (what is left is mostly flexsearch filing the
 * tokens, which only the index's thread can do). A batch the threads fail on (a thread lost, a
 * thread that cannot start) is encoded here, and so is every later one: the index is the same
 * either way.
 */
export async function feedIndex(engine: IndexEngine, batches: AsyncIterable<readonly Question[]>, options: FeedOptions = {}): Promise<number> {
  const threads = options.threads ?? encoderThreads();
  const threadsAfter = options.threadsAfter ?? THREADS_AFTER;
  const startPool = options.startPool ?? ((n: number) => new EncoderPool(n));
  let pool: TokenEncoder | null = null;
  let failed = false;
  const waiting: Waiting[] = [];
  const addOldest = async (): Promise<void> => {
    const { metas, texts, tokens } = waiting.shift()!;
    let encoded: string[];
    try {
      encoded = await tokens;
    } catch (e) {
      if (!failed) options.logger?.warn("index encoder threads failed; encoding in this thread", e);
      failed = true;
      encoded = texts.map(encodeFields);
    }
    await engine.add(metas.map((meta, i) => ({ meta, tokens: encoded[i]! })));
  };
  let read = 0;
  try {
    for await (const batch of batches) {
      if (!pool && !failed && threads > 0 && read >= threadsAfter) pool = startPool(threads);
      read += batch.length;
      if (!pool || failed) {
        // Batches still waiting go first: a later batch may hold a newer copy of a question.
        while (waiting.length) await addOldest();
        await engine.upsert(batch);
        continue;
      }
      // Only the texts cross to the thread; the record is not kept while its tokens are made.
      const texts = batch.map(fieldTexts);
      const tokens = pool.encode(texts);
      // Awaited in turn by addOldest; until then a failure must not count as unhandled.
      tokens.catch(() => {});
      waiting.push({ metas: batch.map(metaOf), texts, tokens });
      if (waiting.length >= IN_FLIGHT) await addOldest();
    }
    while (waiting.length) await addOldest();
  } finally {
    await pool?.close();
  }
  return read;
}
