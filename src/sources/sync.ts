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
 */
import {
  apiValueToQuestion,
  isTruncated,
  type ApiQuestion,
} from "./readers/api-json.ts";
import type { MemberDirectory } from "./readers/members.ts";
import { versionKey, type Question } from "../model/question.ts";
import type { Store } from "../store/store.ts";
import {
  createApiClient,
  DEFAULT_API_URL,
  silentLogger,
  type ApiClient,
  type ListFilter,
  type RejectedItem,
  type SyncLogger,
} from "./api-client.ts";
import { upsertIsolated } from "./upsert-isolated.ts";
import { addDays, dayWindows, isDay, maxDay, minDay, ukDay } from "./dates.ts";
import {
  readImportNewestAnswer,
  readSyncState,
  readSyncStatus,
  writeSyncState,
  writeSyncStatus,
  type SyncRun,
} from "../store/sync-state.ts";

export interface SyncOptions {
  store: Store;
  /** The API base; default WQ_API_URL's default, the official API. */
  apiUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** First day to cover (YYYY-MM-DD). Default: the watermark less the overlap, or a backfill. */
  since?: string;
  /** Last day to cover. Default: today in the UK. */
  until?: string;
  /** How far the first run reaches back, in days. Default 30. */
  backfillDays?: number;
  /** Days before the watermark that a later run covers again. Default 2. */
  overlapDays?: number;
  /**
   * Days before the window in which unanswered questions are listed again, to catch withdrawals
   * (which have no date filter of their own). Only for runs that continue from the watermark.
   * Default 14; 0 turns it off.
   */
  withdrawalLookbackDays?: number;
  /** Days listed per step; the watermark moves after each. Default 7. */
  windowDays?: number;
  concurrency?: number;
  requestsPerSecond?: number;
  /** The largest API response read (default 16 MB); a larger detail keeps the list's text. */
  maxResponseBytes?: number;
  timeoutMs?: number;
  retries?: number;
  retryMinDelayMs?: number;
  userAgent?: string;
  /** Names for members the API did not expand. */
  members?: MemberDirectory;
  signal?: AbortSignal;
  logger?: SyncLogger;
  /** Called after each step with the records it created or changed (as stored), for the search index. */
  onChanged?: (questions: Question[]) => void | Promise<void>;
  onProgress?: (progress: SyncProgress) => void;
  /** A ready client (tests, bench); otherwise one is made from the options above. */
  client?: ApiClient;
}

export interface SyncProgress {
  phase: "list" | "detail" | "store" | "done";
  window: { index: number; count: number; from: string; to: string };
  pagesDone: number;
  /** Pages known to be needed so far (grows as each list's first page tells its total). */
  pagesKnown: number;
  itemsListed: number;
  detailsDone: number;
  detailsKnown: number;
  stored: number;
}

export interface SyncSummary extends SyncRun {
  watermark: string | null;
  changedIds: string[];
}

export class SyncError extends Error {
  constructor(
    message: string,
    readonly kind: "arguments" | "failed",
  ) {
    super(message);
    this.name = "SyncError";
  }
}

/**
 * The version of a question built from its detail, with texts complete unless the detail sent the
 * list's cut copy back: an answer still ending "..." without HTML, or a question still 255
 * characters that stops mid-sentence (a question of exactly 255 characters ends with "." or "?").
 */
function fromDetail(listed: ApiQuestion, detail: ApiQuestion, members: MemberDirectory | undefined): Question {
  const q = apiValueToQuestion(detail, members);
  const listQ = listed.questionText ?? "";
  const listA = listed.answerText ?? "";
  const questionStillCut =
    isTruncated({ questionText: listQ, answerText: null }) &&
    (detail.questionText ?? "") === listQ &&
    !/[.?]["'\u201d)]?\s*$/.test(listQ);
  const answerStillCut = isTruncated({ questionText: null, answerText: listA }) && (detail.answerText ?? "") === listA;
  return { ...q, textComplete: !(questionStillCut || answerStillCut) };
}

interface Listed {
  value: ApiQuestion;
  question: Question;
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const store = options.store;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const startedAt = now();
  const today = ukDay(startedAt);
  const windowDays = Math.max(1, options.windowDays ?? 7);
  const overlap = Math.max(0, options.overlapDays ?? 2);

  for (const [name, v] of [
    ["since", options.since],
    ["until", options.until],
  ] as const) {
    if (v !== undefined && !isDay(v)) throw new SyncError(`--${name} must be a date as YYYY-MM-DD, not "${v}"`, "arguments");
  }

  const state = await readSyncState(store);
  const status = await readSyncStatus(store);
  const until = options.until ?? today;
  const continuing = options.since === undefined && state.watermark !== null;
  if (options.since !== undefined && options.since > until) throw new SyncError(`--since ${options.since} is after --until ${until}`, "arguments");
  const backfillFrom = addDays(until, -(Math.max(1, options.backfillDays ?? 30) - 1));
  // A first sync after an import starts at the newest answer it brought: no gap, whatever its age.
  const imported = state.watermark === null && options.since === undefined ? await readImportNewestAnswer(store) : null;
  // The same explicit run again after a kill goes on from the last week it finished.
  const resumed =
    options.since !== undefined &&
    state.backfill?.since === options.since &&
    state.backfill.until === (options.until ?? null) &&
    state.backfill.through >= options.since
      ? state.backfill.through
      : null;
  const since =
    resumed !== null
      ? minDay(addDays(resumed, 1), until)
      : (options.since ??
        (state.watermark !== null
          ? addDays(state.watermark, -overlap)
          : imported !== null
            ? minDay(addDays(imported, -overlap), backfillFrom)
            : backfillFrom));
  // Where this run's unbroken ground starts: a resumed run's began where the killed one did.
  const origin = options.since ?? since;
  if (resumed !== null) logger.info(`resuming the sync from ${options.since} at ${since} (finished up to ${resumed})`);
  // Only a run that reaches today may move the watermark: an old window says nothing about today.
  const movesWatermark = until >= today;

  const client =
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
      logger,
    });
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

  const windows = dayWindows(since, until, windowDays);
  const steps: Array<{ from: string; to: string; filters: ListFilter[]; advances: boolean }> = [];
  const lookback = options.withdrawalLookbackDays ?? 14;
  if (continuing && lookback > 0) {
    const from = maxDay(addDays(since, -lookback), state.coveredFrom) ?? since;
    const to = addDays(since, -1);
    if (from <= to) {
      steps.push({
        from,
        to,
        filters: [{ tabledWhenFrom: from, tabledWhenTo: to, answered: "Unanswered", includeWithdrawn: true }],
        advances: false,
      });
    }
  }
  for (const w of windows) {
    steps.push({
      ...w,
      advances: movesWatermark,
      filters: [
        { tabledWhenFrom: w.from, tabledWhenTo: w.to, includeWithdrawn: true },
        { answeredWhenFrom: w.from, answeredWhenTo: w.to, includeWithdrawn: true },
        { correctedWhenFrom: w.from, correctedWhenTo: w.to, includeWithdrawn: true },
      ],
    });
  }

  const progress: SyncProgress = {
    phase: "list",
    window: { index: 0, count: steps.length, from: since, to: until },
    pagesDone: 0,
    pagesKnown: 0,
    itemsListed: 0,
    detailsDone: 0,
    detailsKnown: 0,
    stored: 0,
  };
  const report = (): void => options.onProgress?.({ ...progress, window: { ...progress.window } });
  const seenIds = new Set<string>();
  const insertedIds = new Set<string>();
  const changedIds = new Set<string>();
  const updatedIds = new Set<string>();
  const skippedIds = new Set<string>();
  const incompleteIds = new Set<string>();

  const skip = (r: RejectedItem): void => {
    const key = String(r.id ?? `#${run.skipped}`);
    if (skippedIds.has(key)) return;
    skippedIds.add(key);
    run.skipped++;
    if (run.skippedItems.length < 20) run.skippedItems.push(r);
  };

  try {
    for (const [index, step] of steps.entries()) {
      progress.window = { index: index + 1, count: steps.length, from: step.from, to: step.to };
      progress.phase = "list";
      report();

      // 1. List: every filter's pages; one version per id, the newest.
      const byId = new Map<number, Listed>();
      await Promise.all(
        step.filters.map((filter) =>
          client.listAll(filter, (page, pagesKnown) => {
            if (page.skip === 0) progress.pagesKnown += pagesKnown;
            else if (page.skip >= pagesKnown * 100) progress.pagesKnown++;
            progress.pagesDone++;
            progress.itemsListed += page.items.length;
            run.pages++;
            page.rejected.forEach(skip);
            for (const value of page.items) {
              // One record that cannot be converted (hostile HTML) is skipped and named; the rest go on.
              let question: Question;
              try {
                question = apiValueToQuestion(value, options.members);
              } catch (error) {
                skip({ id: value.id, reason: error instanceof Error ? error.message : String(error) });
                continue;
              }
              const held = byId.get(value.id);
              if (!held || versionKey(question) > versionKey(held.question)) byId.set(value.id, { value, question });
            }
            report();
          }),
        ),
      );
      for (const id of byId.keys()) {
        const key = String(id);
        if (!seenIds.has(key)) {
          seenIds.add(key);
          run.listed++;
        }
      }

      // 2. Detail: for every cut text the store does not already hold whole at this version.
      const listed = [...byId.values()];
      const stored = new Map((await store.getQuestions(listed.map((l) => l.question.id))).map((q) => [q.id, q]));
      const needDetail = listed.filter(({ value, question }) => {
        if (!isTruncated(value)) return false;
        const held = stored.get(question.id);
        if (!held) return true;
        const [a, b] = [versionKey(held), versionKey(question)];
        return a < b || (a === b && !held.textComplete);
      });
      progress.phase = "detail";
      progress.detailsKnown += needDetail.length;
      report();
      const complete = new Map<number, Question>();
      await Promise.all(
        needDetail.map(async ({ value }) => {
          const detail = await client.getQuestion(value.id);
          run.details++;
          progress.detailsDone++;
          if (detail.kind === "ok") {
            try {
              complete.set(value.id, fromDetail(value, detail.value, options.members));
            } catch (error) {
              // Stored with the list's cut text (tried again when next listed) rather than lost.
              logger.warn(`question ${value.id}: kept the list's cut text, the detail could not be converted: ${error instanceof Error ? error.message : String(error)}`);
            }
          } else if (detail.kind === "rejected") logger.warn(`question ${value.id}: kept the list's cut text, the detail failed validation`);
          else logger.warn(`question ${value.id}: the API has no detail for it; kept the list's cut text`);
          report();
        }),
      );

      // 3. Store.
      progress.phase = "store";
      report();
      const questions = listed.map(({ value, question }) => complete.get(value.id) ?? question);
      const result = await upsertIsolated(store, questions, (q, why) => skip({ id: q.apiId, reason: `not stored: ${why}` }));
      // Counted once per question over the run: a question listed in two weeks (tabled in one,
      // answered in the next) is not "unchanged" the second time.
      for (const id of result.changedIds) {
        if (insertedIds.has(id) || updatedIds.has(id)) continue;
        (stored.has(id) ? updatedIds : insertedIds).add(id);
      }
      run.inserted = insertedIds.size;
      run.updated = updatedIds.size;
      run.unchanged = seenIds.size - insertedIds.size - updatedIds.size;
      for (const id of result.changedIds) {
        if (changedIds.has(id)) continue;
        changedIds.add(id);
        run.changedIds.push(id);
      }
      progress.stored += questions.length;
      const changed = new Set(result.changedIds);
      for (const q of questions) {
        if (changed.has(q.id)) {
          if (q.textComplete) incompleteIds.delete(q.id);
          else incompleteIds.add(q.id);
        }
      }
      run.incomplete = incompleteIds.size;
      if (options.onChanged && result.changedIds.length) {
        // The store has them; a failing listener (the search index) must not stop the sync.
        try {
          await options.onChanged(await store.getQuestions(result.changedIds));
        } catch (error) {
          logger.error(`sync: passing ${result.changedIds.length} changed questions on failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }

      // 4. Watermark: this step's days are held; move on only over contiguous ground. A step that
      // ends before the covered range (a backfill from long ago) joins it only once it reaches it.
      const touches =
        state.watermark === null ||
        (step.from <= addDays(state.watermark, 1) && (state.coveredFrom === null || step.to >= addDays(state.coveredFrom, -1)));
      if (step.advances && touches) {
        // Never past today: later days have not been published yet.
        state.watermark = maxDay(state.watermark, minDay(step.to, today));
        state.coveredFrom = state.coveredFrom === null || origin < state.coveredFrom ? minDay(origin, step.from) : state.coveredFrom;
        run.watermark = state.watermark;
      }
      if (options.since !== undefined) {
        state.backfill = { since: options.since, until: options.until ?? null, through: step.to };
      }
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
  progress.phase = "done";
  report();
  const { watermark: _w, changedIds: _c, ...record } = run;
  await writeSyncStatus(store, { lastSuccess: record, lastError: null, lastAttemptAt: run.startedAt });
  logger.info(summaryLine(run));
  return run;
}

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
