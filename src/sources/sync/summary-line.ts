import type { SyncSummary } from "./types.ts";

const n = (x: number): string => x.toLocaleString("en-GB");

/** "synced 2026-11-01..2026-11-28: 1,204 questions listed, 310 new, 52 updated, 1 skipped (412 requests, 3.1 s)". */
export function summaryLine(run: SyncSummary): string {
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const parts = [
    `${n(run.listed)} questions listed`,
    `${n(run.inserted)} new`,
    `${n(run.updated)} updated`,
    `${n(run.unchanged)} unchanged`,
  ];
  if (run.skipped) parts.push(`${n(run.skipped)} skipped (${run.skippedItems.map((s) => s.id ?? "?").join(", ")})`);
  if (run.incomplete) parts.push(`${n(run.incomplete)} with cut text`);
  return `synced ${run.since}..${run.until}: ${parts.join(", ")} (${n(run.details)} details, ${n(run.requests)} requests, ${
    run.retries ? `${n(run.retries)} retries, ` : ""
  }${seconds.toFixed(1)} s)`;
}
