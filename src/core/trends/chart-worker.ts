/**
 * The chart thread: draws trend charts so that Vega's layout and the PNG rasterising (a few
 * hundred milliseconds together) never hold the event loop that acknowledges Slack and Discord.
 * Started by ChartRenderer.
 */
import { parentPort } from "node:worker_threads";
import { renderTrendChart } from "./chart-render.ts";
import type { ChartCall, ChartReply } from "./chart-renderer.ts";

const port = parentPort;
if (!port) throw new Error("chart-worker.ts runs only as a worker thread");

port.on("message", (call: ChartCall) => {
  renderTrendChart(call.trend).then(
    (png) => port.postMessage({ id: call.id, ok: true, png } satisfies ChartReply, [png.buffer]),
    (e: unknown) => port.postMessage({ id: call.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ChartReply),
  );
});
