import { startWorker } from "../threads/start-worker.ts";
import { WorkerCallError, WorkerCalls } from "../threads/worker-calls.ts";
import type { Trend } from "./trend.ts";

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
  private readonly calls = new WorkerCalls<Trend, Uint8Array>(() => startWorker(import.meta.url, "chart-worker"), "the chart worker");

  render(trend: Trend): Promise<Uint8Array> {
    return this.calls.call(trend).catch((e: unknown) => {
      throw e instanceof WorkerCallError ? new Error(`the chart could not be drawn: ${e.message}`, { cause: e }) : e;
    });
  }

  close(): Promise<void> {
    return this.calls.close();
  }
}

let shared: WorkerChartRenderer | null = null;

/** The process's one chart worker, started on the first chart (what the bot uses unless handed another). */
export function sharedChartRenderer(): ChartRenderer {
  shared ??= new WorkerChartRenderer();
  return shared;
}
