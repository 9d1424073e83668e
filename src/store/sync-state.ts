/**
 * What sync keeps in the store's meta table, as zod-validated JSON:
 * - `sync.state`: the watermark (the last day whose tabled, answered and corrected questions are
 *   all held) and the first day ever covered;
 * - `import.newestAnswer`: the newest answer date among API records imported, where the bot's first
 *   sync starts (so no gap is left between an import and live data);
 * - `sync.status`: the last successful run, the last error, the newest answer date held; what
 *   `/wq status` shows.
 * A value that fails validation (an older layout, a hand edit) reads as absent rather than failing.
 */
import { z } from "zod";
import type { Store } from "./store.ts";

export const SYNC_STATE_KEY = "sync.state";
export const SYNC_STATUS_KEY = "sync.status";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SyncStateSchema = z.object({
  watermark: Day.nullable(),
  coveredFrom: Day.nullable(),
  /**
   * How far an explicit `wq sync --since` run got (its last finished week): the same command run
   * again after a kill resumes the day after instead of starting over. Cleared when it finishes.
   */
  backfill: z.object({ since: Day, until: Day.nullable(), through: Day }).nullable().optional(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export const SkippedItemSchema = z.object({ id: z.number().int().nullable(), reason: z.string() });

export const SyncRunSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  since: Day,
  until: Day,
  /** Different questions the list returned in the window. */
  listed: z.number().int(),
  pages: z.number().int(),
  details: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** Up to 20 of the skipped items, with why. */
  skippedItems: z.array(SkippedItemSchema),
  /** Stored with the list's cut texts because the detail could not be had. */
  incomplete: z.number().int(),
  requests: z.number().int(),
  retries: z.number().int(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const SyncStatusSchema = z.object({
  lastSuccess: SyncRunSchema.nullable(),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  lastAttemptAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

const EMPTY_STATE: SyncState = { watermark: null, coveredFrom: null };
const EMPTY_STATUS: SyncStatus = { lastSuccess: null, lastError: null, lastAttemptAt: null };

async function readJson<T>(store: Store, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const text = await store.getMeta(key);
  // A copy: callers may change what they read.
  if (text === null) return structuredClone(fallback);
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : structuredClone(fallback);
  } catch {
    return structuredClone(fallback);
  }
}

export const IMPORT_NEWEST_ANSWER_KEY = "import.newestAnswer";

/** The newest answer date an import brought, or null (nothing imported, or an older wq imported it). */
export async function readImportNewestAnswer(store: Store): Promise<string | null> {
  const text = await store.getMeta(IMPORT_NEWEST_ANSWER_KEY);
  return text !== null && Day.safeParse(text).success ? text : null;
}

/** Keeps the later of the held and the given date. */
export async function noteImportNewestAnswer(store: Store, day: string): Promise<void> {
  const held = await readImportNewestAnswer(store);
  if (Day.safeParse(day).success && (held === null || day > held)) await store.setMeta(IMPORT_NEWEST_ANSWER_KEY, day);
}

export const readSyncState = (store: Store): Promise<SyncState> => readJson(store, SYNC_STATE_KEY, SyncStateSchema, EMPTY_STATE);
export const writeSyncState = (store: Store, state: SyncState): Promise<void> =>
  store.setMeta(SYNC_STATE_KEY, JSON.stringify(SyncStateSchema.parse(state)));

export const readSyncStatus = (store: Store): Promise<SyncStatus> =>
  readJson(store, SYNC_STATUS_KEY, SyncStatusSchema, EMPTY_STATUS);
export const writeSyncStatus = (store: Store, status: SyncStatus): Promise<void> =>
  store.setMeta(SYNC_STATUS_KEY, JSON.stringify(SyncStatusSchema.parse(status)));
