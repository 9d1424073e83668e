import type { Worker } from "node:worker_threads";
import { startWorker } from "../threads/start-worker.ts";
import type { Trend } from "./trend.ts";

/** Messages to and from the chart thread; both ends are this program, so typed rather than parsed. */
export interface ChartCall {
  id: number;
  trend: Trend;
}
export type ChartReply = { id: number; ok: true; png: Uint8Array } | { id: number; ok: false; error: string };

/** Draws a trend's chart as PNG bytes. */
export interface ChartRenderer {
  render(trend: Trend): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * In this thread: for tests and the one-shot CLI, where no one else waits on the event loop.
 * Vega and resvg load on the first chart, not with the core: most runs draw none.
 */
export const inlineChartRenderer: ChartRenderer = {
  render: async (trend) => (await import("./chart-render.ts")).renderTrendChart(trend),
  close: async () => {},
};

/**
 * Charts drawn in a worker thread, started on the first chart and kept (Vega warm) while the
 * process lives; idle, it does not keep the process alive. A worker that dies fails the charts
 * waiting on it and is started again for the next one: a chart is never worth stopping wq for.
 */
export class WorkerChartRenderer implements ChartRenderer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;

  render(trend: Trend): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error("the chart renderer is closed"));
    const worker = this.started();
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, trend } satisfies ChartCall);
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
    const worker = startWorker(import.meta.url, "chart-worker");
    worker.unref();
    worker.on("message", (reply: ChartReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.png);
      else waiting.reject(new Error(`the chart could not be drawn: ${reply.error}`));
    });
    const lost = (e: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(e);
      this.pending.clear();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`the chart worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

let shared: WorkerChartRenderer | null = null;

/** The process's one chart worker, started on the first chart (what the bot uses unless handed another). */
export function sharedChartRenderer(): ChartRenderer {
  shared ??= new WorkerChartRenderer();
  return shared;
}
