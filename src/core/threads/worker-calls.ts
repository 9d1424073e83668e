import type { MessagePort, TransferListItem, Worker } from "node:worker_threads";

/**
 * Calls to a worker thread that answers each in a message of its own (chart drawing, token
 * encoding). Both ends are this program and structured cloning keeps the shapes, so the messages
 * are typed here rather than parsed.
 */
export interface CallMessage<Call> {
  id: number;
  call: Call;
}
export type ReplyMessage<Value> = { id: number; ok: true; value: Value } | { id: number; ok: false; error: string };

/** The worker's own failure on one call (its message), told apart from the worker stopping. */
export class WorkerCallError extends Error {
  override name = "WorkerCallError";
}

/**
 * The owner's side: the worker is started on the first call and kept; idle, it does not keep the
 * process alive, while a call waits, it does. A worker that stops fails the calls waiting on it,
 * and the next call starts another: one lost thread never stops wq.
 */
export class WorkerCalls<Call, Value> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (value: Value) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;

  /** `start` makes the worker (startWorker); `what` names it in errors ("the chart worker"). */
  constructor(
    private readonly start: () => Worker,
    private readonly what: string,
  ) {}

  call(call: Call, transfer: readonly TransferListItem[] = []): Promise<Value> {
    if (this.closed) return Promise.reject(new Error(`${this.what} is closed`));
    let worker: Worker;
    try {
      worker = this.started();
    } catch (e) {
      // A thread that cannot even be made fails this call, as one that stops does.
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, call } satisfies CallMessage<Call>, transfer);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.unref();
    worker.on("message", (reply: ReplyMessage<Value>) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new WorkerCallError(reply.error));
    });
    const lost = (e: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(e);
      this.pending.clear();
    };
    worker.on("error", lost);
    // A reply that cannot be read would otherwise leave its call waiting, and the process held, for ever.
    worker.on("messageerror", lost);
    worker.on("exit", (code) => lost(new Error(`${this.what} stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/**
 * The worker's side: answers each call with what `handle` gives (and the buffers to move rather
 * than copy), or with the error's message; one failed call never stops the thread.
 */
export function answerCalls<Call, Value>(port: MessagePort, handle: (call: Call) => Promise<{ value: Value; transfer?: readonly TransferListItem[] }>): void {
  port.on("message", ({ id, call }: CallMessage<Call>) => {
    handle(call).then(
      ({ value, transfer }) => port.postMessage({ id, ok: true, value } satisfies ReplyMessage<Value>, transfer ?? []),
      (e: unknown) => port.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ReplyMessage<Value>),
    );
  });
}
