import type { Question } from "../../model/question.ts";
import type { Store } from "../../store/store.ts";
import type { SyncRun } from "../../store/sync-state.ts";
import type { ApiClient, ListFilter, SyncLogger } from "../api-client.ts";
import type { MemberDirectory } from "../readers/members.ts";

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

/** One step of a run: the days it lists, the list filters that cover them, whether it may move the watermark. */
export interface SyncStep {
  from: string;
  to: string;
  filters: ListFilter[];
  advances: boolean;
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
