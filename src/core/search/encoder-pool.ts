import { availableParallelism } from "node:os";
import { startWorker } from "../threads/start-worker.ts";
import { WorkerCalls } from "../threads/worker-calls.ts";
import type { FieldTexts } from "./documents.ts";

/**
 * One thread encodes about as fast as the index's thread files the tokens (flexsearch), which
 * only that thread can do, so more gain little; and each holds its own modules and memo of
 * words' tokens: building 150,000 questions on two cores, one thread added 50 to 90 MB to the
 * peak and took 13 s against 21 with none; three took 16 s and added 250 MB.
 */
const DEFAULT_THREADS = 1;
/** What WQ_INDEX_THREADS may ask for. */
export const MAX_ENCODER_THREADS = 4;

/** Encoder threads to start: `wanted` (WQ_INDEX_THREADS), else one when a core is left for it. */
export function encoderThreads(wanted: number | null = null, cores = availableParallelism()): number {
  return wanted ?? Math.max(0, Math.min(DEFAULT_THREADS, cores - 1));
}

/**
 * Threads that encode questions' texts into index tokens (encoder-worker.ts), each batch to the
 * next thread in turn. The answers are the same as encodeFields gives in this thread: one
 * encoder, one stemmer, whichever thread runs them.
 */
export class EncoderPool {
  private readonly threads: Array<WorkerCalls<readonly FieldTexts[], string[]>>;
  private next = 0;

  constructor(size: number) {
    if (size < 1) throw new Error("an encoder pool needs at least one thread");
    this.threads = Array.from({ length: size }, () => new WorkerCalls<readonly FieldTexts[], string[]>(() => startWorker(import.meta.url, "encoder-worker"), "an index encoder thread"));
  }

  get size(): number {
    return this.threads.length;
  }

  /** Each text's tokens, in order. */
  encode(texts: readonly FieldTexts[]): Promise<string[]> {
    const thread = this.threads[this.next++ % this.threads.length]!;
    return thread.call(texts);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
