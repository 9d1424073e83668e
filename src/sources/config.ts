/**
 * Sync's environment: one zod schema, to merge into the app's config or parse on its own.
 *
 *   WQ_API_URL              the Written Questions API base (default the official one)
 *   WQ_SYNC_INTERVAL        seconds between scheduled syncs in the bot; 0 turns them off (default 600)
 *   WQ_SYNC_BACKFILL_DAYS   how far the first sync reaches back (default 30)
 *   WQ_SYNC_OVERLAP_DAYS    days before the watermark each later sync covers again (default 2)
 *   WQ_API_CONCURRENCY      requests in flight at once (default 4)
 *   WQ_API_RATE             requests started per second; 0 for no limit (default 8)
 *   WQ_API_TIMEOUT          seconds before a request is given up and retried (default 30)
 */
import { z } from "zod";
import { parseEnv } from "../env.ts";
import { DEFAULT_API_URL } from "./api-client.ts";
import type { SyncOptions } from "./sync.ts";

const whole = (fallback: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(max))
    .optional()
    .transform((v) => v ?? fallback);

export const SyncEnvSchema = z.object({
  WQ_API_URL: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: "an http(s) URL such as https://questions-statements-api.parliament.uk/api" }))
    .optional()
    .transform((v) => v ?? DEFAULT_API_URL),
  WQ_SYNC_INTERVAL: whole(600, 7 * 86_400),
  WQ_SYNC_BACKFILL_DAYS: whole(30, 3650),
  WQ_SYNC_OVERLAP_DAYS: whole(2, 60),
  WQ_API_CONCURRENCY: whole(4, 32),
  WQ_API_RATE: whole(8, 1000),
  WQ_API_TIMEOUT: whole(30, 600),
});
export type SyncEnv = z.infer<typeof SyncEnvSchema>;

/** The sync settings of an environment; the ConfigError names every invalid variable. */
export function loadSyncEnv(env: NodeJS.ProcessEnv): SyncEnv {
  return parseEnv(SyncEnvSchema, env, "Sync");
}

/** What runSync takes from the environment. */
export function syncOptionsFromEnv(env: SyncEnv): Pick<
  SyncOptions,
  "apiUrl" | "backfillDays" | "overlapDays" | "concurrency" | "requestsPerSecond" | "timeoutMs"
> {
  return {
    apiUrl: env.WQ_API_URL,
    backfillDays: Math.max(1, env.WQ_SYNC_BACKFILL_DAYS),
    overlapDays: env.WQ_SYNC_OVERLAP_DAYS,
    concurrency: Math.max(1, env.WQ_API_CONCURRENCY),
    requestsPerSecond: env.WQ_API_RATE,
    timeoutMs: Math.max(1, env.WQ_API_TIMEOUT) * 1000,
  };
}
