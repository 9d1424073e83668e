/**
 * A sync run: plan the window (plan.ts), then for each step list (list.ts), fetch the details the
 * list cut (detail.ts), store (store-step.ts), and move the watermark; the run's outcome is kept
 * in the store for /wq status, a failure included.
 */
import { readImportNewestAnswer, readSyncState, readSyncStatus, writeSyncState, writeSyncStatus } from "../../store/sync-state.ts";
import { createApiClient, DEFAULT_API_URL, silentLogger, type ApiClient } from "../api-client.ts";
import { londonDay } from "../../model/days.ts";
import { detailStep } from "./detail.ts";
import { listStep } from "./list.ts";
import { afterStep, checkWindow, planSync } from "./plan.ts";
import { storeStep } from "./store-step.ts";
import { summaryLine } from "./summary-line.ts";
import { SyncTally } from "./tally.ts";
import { SyncError, type SyncOptions, type SyncSummary } from "./types.ts";

function clientOf(options: SyncOptions, now: () => Date): ApiClient {
  return (
    options.client ??
    createApiClient({
      baseUrl: options.apiUrl ?? DEFAULT_API_URL,
      fetch: options.fetch,
      now,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      retries: options.retries,
      retryMinDelayMs: options.retryMinDelayMs,
      concurrency: options.concurrency,
      requestsPerSecond: options.requestsPerSecond,
      signal: options.signal,
      logger: options.logger ?? silentLogger,
    })
  );
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { store, members } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const startedAt = now();
  const today = londonDay(startedAt);

  checkWindow(options);
  let state = await readSyncState(store);
  const status = await readSyncStatus(store);
  const imported = state.watermark === null && options.since === undefined ? await readImportNewestAnswer(store) : null;
  const plan = planSync(options, state, today, imported);
  const { since, until } = plan;
  if (plan.resumed !== null) logger.info(`resuming the sync from ${options.since} at ${since} (finished up to ${plan.resumed})`);

  const client = clientOf(options, now);
  const requestsBefore = client.stats.requests;
  const retriesBefore = client.stats.retries;
  const run: SyncSummary = {
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    since,
    until,
    listed: 0,
    pages: 0,
    details: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skippedItems: [],
    incomplete: 0,
    requests: 0,
    retries: 0,
    watermark: state.watermark,
    changedIds: [],
  };
  const tally = new SyncTally(run, plan.steps.length, options.onProgress);

  try {
    for (const [index, step] of plan.steps.entries()) {
      tally.progress.window = { index: index + 1, count: plan.steps.length, from: step.from, to: step.to };
      tally.progress.phase = "list";
      tally.report();
      const listed = await listStep(client, step, members, tally);
      const held = new Map((await store.getQuestions(listed.map((l) => l.question.id))).map((q) => [q.id, q]));
      const complete = await detailStep(listed, held, { client, members, logger, tally });
      await storeStep(listed, complete, held, { store, logger, tally, onChanged: options.onChanged });
      state = afterStep(state, step, plan, today, options);
      run.watermark = state.watermark;
      await writeSyncState(store, state);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stopped = options.signal?.aborted === true;
    await writeSyncStatus(store, {
      ...status,
      lastAttemptAt: startedAt.toISOString(),
      lastError: {
        at: now().toISOString(),
        message: stopped ? `stopped before it finished (${since} to ${until})` : message,
      },
    });
    throw error instanceof SyncError ? error : new SyncError(stopped ? "sync stopped" : message, "failed");
  }

  if (state.backfill) {
    delete state.backfill;
    await writeSyncState(store, state);
  }
  run.finishedAt = now().toISOString();
  run.requests = client.stats.requests - requestsBefore;
  run.retries = client.stats.retries - retriesBefore;
  tally.progress.phase = "done";
  tally.report();
  const { watermark: _w, changedIds: _c, ...record } = run;
  await writeSyncStatus(store, { lastSuccess: record, lastError: null, lastAttemptAt: run.startedAt });
  logger.info(summaryLine(run));
  return run;
}
