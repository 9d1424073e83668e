/**
 * What GET /healthz reports: whether wq answers searches yet, and how current its data is, read
 * from the store each time so that a load balancer and an operator see the same thing.
 */
import { readSyncStatus } from "../store/sync-state.ts";
import type { Store } from "../store/store.ts";

export interface HealthReport {
  /** "ready" once the search index is loaded; "warming" before (and the endpoint answers 503). */
  status: "ready" | "warming";
  /** Questions held; null while the store is still opening. */
  questions: number | null;
  /** The newest answer date held, YYYY-MM-DD. */
  newestAnswer: string | null;
  /** When the last successful sync finished (ISO time). */
  lastSync: string | null;
  /** The last sync's error, when the latest sync failed. */
  lastError: { at: string; message: string } | null;
}

export async function healthReport(store: Store | null, ready: boolean): Promise<HealthReport> {
  const status = ready ? "ready" : "warming";
  if (!store) return { status, questions: null, newestAnswer: null, lastSync: null, lastError: null };
  const [questions, newestAnswer, sync] = await Promise.all([store.countQuestions(), store.newestAnswerDate(), readSyncStatus(store)]);
  return { status, questions, newestAnswer, lastSync: sync.lastSuccess?.finishedAt ?? null, lastError: sync.lastError };
}
