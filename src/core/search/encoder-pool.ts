import { availableParallelism } from "node:os";
import { startWorker } from "../threads/start-worker.ts";
import { WorkerCalls } from "../threads/worker-calls.ts";
import type { FieldTexts } from "./documents.ts";

/**
 * Each thread holds its own memo of words' tokens and its own modules, and the thread that
 * files the tokens (flexsearch) gains nothing past the point where it is the one still busy:
 * measured on two cores (one thread), not beyond.
 */
const MAX_THREADS = 3;

/** Encoder threads to start: every core but one (the thread that reads the store and files the tokens). */
export function encoderThreads(cores = availableParallelism()): number {
  return Math.max(0, Math.min(MAX_THREADS, cores - 1));
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
