/**
 * The core's settings.
 *
 *   WQ_INDEX_CACHE   the search index snapshot file; "off" for none; default the SQLite path plus ".index"
 */
import { z } from "zod";
import { parseEnv } from "../env.ts";
import type { StoreConfig } from "../store/config.ts";

export interface CoreConfig {
  indexCache: { kind: "off" } | { kind: "file"; path: string } | { kind: "beside-db" };
}

export const CoreConfigSchema = z
  .object({
    WQ_INDEX_CACHE: z.string().min(1).optional(),
  })
  .transform(
    (e): CoreConfig => ({
      indexCache: e.WQ_INDEX_CACHE === undefined ? { kind: "beside-db" } : e.WQ_INDEX_CACHE === "off" ? { kind: "off" } : { kind: "file", path: e.WQ_INDEX_CACHE },
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
