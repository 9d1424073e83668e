import type { Worker } from "node:worker_threads";
import type { Logger } from "../../logger.ts";
import type { OverdueReport } from "../lateness/report.ts";
import type { Question } from "../../model/question.ts";
import type { IndexDoc } from "./documents.ts";
import type { IndexEngine, LoadOutcome, SnapshotExpectation } from "./engine.ts";
import { QueryError, type Query } from "./query.ts";
import { SearchBudgetError, type SearchResult, type TextSource } from "./search-index.ts";
import type { SnapshotHeader } from "./snapshot-file.ts";
import type { TrendCounts } from "../trends/trend-counts.ts";
import type { TrendSpec } from "../trends/trend-spec.ts";
import { startWorker } from "../threads/start-worker.ts";
import type { Call, FromWorker, SearchWorkerData, ToWorker } from "./worker-protocol.ts";

export interface WorkerEngineOptions {
  /** A SQLite file the worker reads phrase texts from on its own connection; null: from `texts` here. */
  textsFile: string | null;
  /** Texts read in this thread when the worker has no file of its own (PostgreSQL, tests). */
  texts: TextSource;
  logger?: Logger;
  /**
   * For tests: a shared [hold, held] pair. While hold is 1 the worker stops before each search,
   * blocked as a heavy query's CPU work blocks it, and sets held to 1; `Atomics.notify` releases it.
   */
  hold?: Int32Array;
  /**
   * Called once when the worker stops without being closed (a crash, out of memory): every later
   * search fails, so the owner should stop and let the host start wq again.
   */
  onLost?: (error: Error) => void;
}

/**
 * The search index in a worker thread. Calls go over a message port and come back as promises,
 * so the calling thread stays free to acknowledge other users while a heavy query runs. Calls are
 * handled in the order made: an upsert is seen by every search asked for after it.
 */
export class WorkerEngine implements IndexEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private known = 0;
  private dead: Error | null = null;

  constructor(private readonly options: WorkerEngineOptions) {
    this.worker = startWorker(import.meta.url, "search-worker", { workerData: { textsFile: options.textsFile, hold: options.hold ?? null } satisfies SearchWorkerData });
    // Idle, the worker must not keep the process alive; while a call waits, it must.
    this.worker.unref();
    this.worker.on("message", (message: FromWorker) => this.receive(message));
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", (code) => this.fail(new Error(`the search worker stopped (exit code ${code})`)));
  }

  get size(): number {
    return this.known;
  }

  search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    return this.call({ op: "search", query, offset, limit }) as Promise<SearchResult>;
  }

  overdue(asOf: string, departments: readonly number[] | null): Promise<OverdueReport> {
    return this.call({ op: "overdue", asOf, departments }) as Promise<OverdueReport>;
  }

  trend(query: Query, spec: TrendSpec): Promise<TrendCounts> {
    return this.call({ op: "trend", query, spec }) as Promise<TrendCounts>;
  }

  async upsert(questions: readonly Question[]): Promise<void> {
    if (questions.length) await this.call({ op: "upsert", questions });
  }

  async add(docs: readonly IndexDoc[]): Promise<void> {
    if (docs.length) await this.call({ op: "add", docs });
  }

  load(path: string, expected: SnapshotExpectation): Promise<LoadOutcome> {
    return this.call({ op: "load", path, expected }) as Promise<LoadOutcome>;
  }

  async save(path: string, header: SnapshotHeader): Promise<void> {
    await this.call({ op: "save", path, header });
  }

  async close(): Promise<void> {
    if (this.dead) return;
    this.dead = new Error("the search index is closed");
    await this.worker.terminate();
  }

  private call(call: Call): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: "call", id, call } satisfies ToWorker);
    });
  }

  private receive(message: FromWorker): void {
    if (message.kind === "texts") {
      this.options.texts(message.ids).then(
        (texts) => this.worker.postMessage({ kind: "texts", id: message.id, texts } satisfies ToWorker),
        (e: unknown) => {
          this.options.logger?.warn("search worker: texts for a phrase check could not be read", e);
          this.worker.postMessage({ kind: "texts", id: message.id, texts: null, error: e instanceof Error ? e.message : String(e) } satisfies ToWorker);
        },
      );
      return;
    }
    this.known = message.size;
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (!waiting) return;
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(rebuiltError(message.error, message.name, message.queryError));
  }

  private fail(e: Error): void {
    const lost = !this.dead;
    if (lost) this.options.logger?.error("search worker failed", e);
    this.dead ??= e;
    for (const waiting of this.pending.values()) waiting.reject(e);
    this.pending.clear();
    if (lost) this.options.onLost?.(e);
  }
}

/**
 * An error from the worker as this thread can test it: a QueryError (a mistake or a limit, told
 * to the user in one line) stays one, so callers' `instanceof QueryError` works across the thread.
 */
export function rebuiltError(message: string, name: string, queryError: boolean): Error {
  const e = queryError ? new QueryError(message) : new Error(message);
  // A search stopped at its time budget is told apart from other query errors (search.ts, cli.ts).
  if (queryError && name === "SearchBudgetError") Object.setPrototypeOf(e, SearchBudgetError.prototype);
  Object.defineProperty(e, "name", { value: name });
  return e;
}
