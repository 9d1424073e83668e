/**
 * The settings of how data comes in: the seed pages, sync from the Written Questions API, import.
 *
 *   WQ_SEEDS                the seed pages imported at every start (default the seeds/ shipped with wq)
 *   WQ_API_URL              the Written Questions API base (default the official one)
 *   WQ_SYNC_INTERVAL        seconds between scheduled syncs in the bot; 0 turns them off (default 600)
 *   WQ_SYNC_BACKFILL_DAYS   how far the first sync reaches back (default 30)
 *   WQ_SYNC_OVERLAP_DAYS    days before the watermark each later sync covers again (default 2)
 *   WQ_API_CONCURRENCY      requests in flight at once (default 4)
 *   WQ_API_RATE             requests started per second; 0 for no limit (default 8)
 *   WQ_API_TIMEOUT          seconds before a request is given up and retried (default 30)
 *   WQ_IMPORT_MAX_FILE_MB   the most one imported file may unpack to (default 256)
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseEnv } from "../env.ts";
import { DEFAULT_API_URL } from "./api-url.ts";
import type { SyncOptions } from "./sync.ts";

/** What runSync takes from the settings. */
export type SyncSettings = Pick<SyncOptions, "apiUrl" | "backfillDays" | "overlapDays" | "concurrency" | "requestsPerSecond" | "timeoutMs">;

export interface SourcesConfig {
  /**
   * The seed pages shipped with wq. By default found beside src/ or dist/ (both one level under the
   * package), so that `node /opt/wq/dist/main.js` started from any directory still finds them.
   */
  seeds: string;
  /** The bot's sync schedule: `explicit` when WQ_SYNC_INTERVAL was set (the console syncs only then). */
  schedule: { intervalSeconds: number; explicit: boolean };
  sync: SyncSettings;
  /** The most one file may unpack to; the reader's own default when absent. */
  import: { maxFileBytes?: number };
}

const whole = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(max))
    .optional();

export const SourcesConfigSchema = z
  .object({
    WQ_SEEDS: z.string().min(1).default(fileURLToPath(new URL("../../seeds", import.meta.url))),
    WQ_API_URL: z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/, message: "an http(s) URL such as https://questions-statements-api.parliament.uk/api" }))
      .optional()
      .transform((v) => v ?? DEFAULT_API_URL),
    WQ_SYNC_INTERVAL: whole(7 * 86_400),
    WQ_SYNC_BACKFILL_DAYS: whole(3650),
    WQ_SYNC_OVERLAP_DAYS: whole(60),
    WQ_API_CONCURRENCY: whole(32),
    WQ_API_RATE: whole(1000),
    WQ_API_TIMEOUT: whole(600),
    WQ_IMPORT_MAX_FILE_MB: z
      .string()
      .trim()
      .regex(/^\d+$/, "a whole number of megabytes")
      .transform(Number)
      .pipe(z.number().int().min(1).max(65_536))
      .optional(),
  })
  .transform(
    (e): SourcesConfig => ({
      seeds: e.WQ_SEEDS,
      schedule: { intervalSeconds: e.WQ_SYNC_INTERVAL ?? 600, explicit: e.WQ_SYNC_INTERVAL !== undefined },
      sync: {
        apiUrl: e.WQ_API_URL,
        backfillDays: Math.max(1, e.WQ_SYNC_BACKFILL_DAYS ?? 30),
        overlapDays: e.WQ_SYNC_OVERLAP_DAYS ?? 2,
        concurrency: Math.max(1, e.WQ_API_CONCURRENCY ?? 4),
        requestsPerSecond: e.WQ_API_RATE ?? 8,
        timeoutMs: Math.max(1, e.WQ_API_TIMEOUT ?? 30) * 1000,
      },
      import: e.WQ_IMPORT_MAX_FILE_MB === undefined ? {} : { maxFileBytes: e.WQ_IMPORT_MAX_FILE_MB * 1024 * 1024 },
    }),
  );

/** The sources' settings; the ConfigError names every invalid variable. */
export function loadSourcesConfig(env: Record<string, string | undefined>): SourcesConfig {
  return parseEnv(SourcesConfigSchema, env, "Sync and import");
}
