import type { Logger } from "../../logger.ts";
import type { Question } from "../../model/question.ts";
import { fieldTexts, metaOf } from "./documents.ts";
import { EncoderPool } from "./encoder-pool.ts";
import type { IndexEngine } from "./engine.ts";

/**
 * Below this many questions the tokens are encoded in this thread: starting a thread costs more
 * than it saves (an encoder thread loads its modules in a tenth of a second or more).
 */
export const THREADS_AFTER = 5_000;

/**
 * Batches sent to the encoder threads and not yet added. Enough to keep every thread busy while
 * this thread adds the oldest; few enough that what waits stays a few megabytes.
 */
export const IN_FLIGHT = 4;

export interface FeedOptions {
  /** Encoder threads to use once `threadsAfter` questions have been read (0: none); openIndex gives encoderThreads(). */
  threads: number;
  /** Questions read before threads are started (THREADS_AFTER when absent). */
  threadsAfter?: number;
  logger?: Logger;
  /** Starts the threads (an EncoderPool); tests hand in one that fails. */
  startPool?: (threads: number) => TokenEncoder;
}

/** What feedIndex needs of an EncoderPool. */
export type TokenEncoder = Pick<EncoderPool, "encode" | "close">;

interface Waiting {
  questions: readonly Question[];
  tokens: Promise<string[]>;
}

/**
 * Adds every question of `batches` to `engine`, in order; returns how many. Encoding the texts
 * into tokens is most of a build's time, so past `threadsAfter` questions it is done in encoder
 * threads while this thread reads the next batches and adds those encoded: `wq import` at 815,000
 * questions on two cores built its index in 94 s instead of 139 (what is left is mostly
 * flexsearch filing the tokens, which only the index's thread can do). Without threads, and from
 * the first batch they fail on (a thread lost, or one that cannot start), batches are handed to
 * the engine whole, to encode as it always does (in the search worker, for the bot): the index is
 * the same either way.
 */
export async function feedIndex(engine: IndexEngine, batches: AsyncIterable<readonly Question[]>, options: FeedOptions): Promise<number> {
  const threadsAfter = options.threadsAfter ?? THREADS_AFTER;
  const startPool = options.startPool ?? ((n: number) => new EncoderPool(n));
  let pool: TokenEncoder | null = null;
  let failed = false;
  const fail = async (e: unknown): Promise<void> => {
    if (failed) return;
    failed = true;
    options.logger?.warn("index encoder threads failed; the index encodes the rest itself", e);
    // The threads still running would hold their memory until the build ends.
    const stopping = pool;
    pool = null;
    await stopping?.close();
  };
  const waiting: Waiting[] = [];
  const addOldest = async (): Promise<void> => {
    const { questions, tokens } = waiting.shift()!;
    let encoded: string[] | null = null;
    try {
      encoded = await tokens;
    } catch (e) {
      await fail(e);
    }
    if (encoded) await engine.add(questions.map((q, i) => ({ meta: metaOf(q), tokens: encoded[i]! })));
    else await engine.upsert(questions);
  };
  let read = 0;
  try {
    for await (const batch of batches) {
      if (!pool && !failed && options.threads > 0 && read >= threadsAfter) {
        try {
          pool = startPool(options.threads);
        } catch (e) {
          await fail(e);
        }
      }
      read += batch.length;
      if (!pool) {
        // Batches still waiting go first: a later batch may hold a newer copy of a question.
        while (waiting.length) await addOldest();
        await engine.upsert(batch);
        continue;
      }
      // Only the texts cross to the thread.
      const tokens = pool.encode(batch.map(fieldTexts));
      // Awaited in turn by addOldest; until then a failure must not count as unhandled.
      tokens.catch(() => {});
      waiting.push({ questions: batch, tokens });
      if (waiting.length >= IN_FLIGHT) await addOldest();
    }
    while (waiting.length) await addOldest();
  } finally {
    await pool?.close();
  }
  return read;
}
