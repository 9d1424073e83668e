/**
 * The chart thread: draws trend charts so that Vega's layout and the PNG rasterising (a few
 * hundred milliseconds together) never hold the event loop that acknowledges Slack and Discord.
 * Started by ChartRenderer.
 */
import { parentPort } from "node:worker_threads";
import { answerCalls } from "../threads/worker-calls.ts";
import { renderTrendChart } from "./chart-render.ts";
import type { Trend } from "./trend.ts";

const port = parentPort;
if (!port) throw new Error("chart-worker.ts runs only as a worker thread");

// The PNG's bytes are moved to the owner, not copied.
answerCalls(port, async (trend: Trend) => {
  const png = await renderTrendChart(trend);
  return { value: png, transfer: [png.buffer] };
});
