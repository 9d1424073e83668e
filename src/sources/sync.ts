/**
 * Sync: brings the store up to date from the official API.
 *
 * A run covers a window of days [since, until]. For each week of it, oldest first, it lists the
 * questions tabled, answered and corrected in that week (withdrawn ones included), fetches the
 * detail of every item whose text the list cut (unless the store already holds that version
 * whole), and upserts them: the store's merge keeps the newest version and, for a correction, the
 * original answer. New questions, answers, holding answers, corrections and withdrawals all arrive
 * this way.
 *
 * The first run backfills (default: the last 30 days). Each finished week moves a watermark kept in
 * the store; later runs start from the watermark less an overlap, so nothing published while wq was
 * down is missed, and a run that is killed half way resumes from its last finished week. Stored
 * twice is impossible: records are keyed by the API id and an equal version changes nothing.
 *
 * The steps live in sync/: plan.ts (the window and its steps, the watermark after each), list.ts,
 * detail.ts, store-step.ts, tally.ts (the run's counts and progress), run-sync.ts (the run).
 */
export { runSync } from "./sync/run-sync.ts";
export { summaryLine } from "./sync/summary-line.ts";
export { SyncError, type SyncOptions, type SyncProgress, type SyncSummary } from "./sync/types.ts";
