/**
 * The core's settings.
 *
 *   WQ_INDEX_CACHE     the search index snapshot file; "off" for none; default the SQLite path plus ".index"
 *   WQ_INDEX_THREADS   threads that encode texts while the index is built (0: none); default 1 on a
 *                      machine of two cores or more, else 0
 */
import { z } from "zod";
import { parseEnv } from "../env.ts";
import type { StoreConfig } from "../store/config.ts";
import { MAX_ENCODER_THREADS } from "./search/encoder-pool.ts";

export interface CoreConfig {
  indexCache: { kind: "off" } | { kind: "file"; path: string } | { kind: "beside-db" };
  /** Encoder threads for an index build (index-feed.ts); null: as the machine's cores allow. */
  indexThreads: number | null;
}

export const CoreConfigSchema = z
  .object({
    WQ_INDEX_CACHE: z.string().min(1).optional(),
    WQ_INDEX_THREADS: z.coerce
      .number({ message: "must be a whole number of threads (0: none)" })
      .int("must be a whole number of threads (0: none)")
      .min(0, "must be 0 (none) or more")
      .max(MAX_ENCODER_THREADS, `must be at most ${MAX_ENCODER_THREADS}`)
      .optional(),
  })
  .transform(
    (e): CoreConfig => ({
      indexCache: e.WQ_INDEX_CACHE === undefined ? { kind: "beside-db" } : e.WQ_INDEX_CACHE === "off" ? { kind: "off" } : { kind: "file", path: e.WQ_INDEX_CACHE },
      indexThreads: e.WQ_INDEX_THREADS ?? null,
    }),
  );

/** The core's settings; the ConfigError names every invalid variable. */
export function loadCoreConfig(env: Record<string, string | undefined>): CoreConfig {
  return parseEnv(CoreConfigSchema, env, "The core");
}

/** Where the search index snapshot lives, or null when there is none (turned off, or an in-memory database). */
export function indexCachePath(core: CoreConfig, store: StoreConfig): string | null {
  switch (core.indexCache.kind) {
    case "off":
      return null;
    case "file":
      return core.indexCache.path;
    case "beside-db":
      return store.sqlitePath === ":memory:" ? null : `${store.sqlitePath}.index`;
  }
}
