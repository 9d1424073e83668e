/**
 * The store's settings: the embedded SQLite file, or PostgreSQL when DATABASE_URL is set.
 *
 *   WQ_DB          the SQLite file (default ./data/wq.db); with PostgreSQL, only where the index
 *                  snapshot goes by default
 *   DATABASE_URL   postgres://USER:PASSWORD@HOST:5432/DATABASE instead of the file
 *   WQ_PG_SCHEMA   the PostgreSQL schema for wq's tables (default: the connection's own)
 */
import { z } from "zod";
import { parseEnv } from "../env.ts";

export interface StoreConfig {
  sqlitePath: string;
  postgres: { url: string; schema?: string } | null;
}

export const StoreConfigSchema = z
  .object({
    WQ_DB: z.string().min(1).default("./data/wq.db"),
    DATABASE_URL: z
      .url({
        protocol: /^postgres(ql)?$/,
        error: "must be a PostgreSQL URL, postgres://USER:PASSWORD@HOST:5432/DATABASE (or unset for the embedded file)",
      })
      .optional(),
    WQ_PG_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain schema name: lower-case letters, digits and _")
      .optional(),
  })
  .transform(
    (e): StoreConfig => ({
      sqlitePath: e.WQ_DB,
      postgres: e.DATABASE_URL === undefined ? null : { url: e.DATABASE_URL, ...(e.WQ_PG_SCHEMA !== undefined ? { schema: e.WQ_PG_SCHEMA } : {}) },
    }),
  );

/** The store's settings; the ConfigError names every invalid variable. */
export function loadStoreConfig(env: Record<string, string | undefined>): StoreConfig {
  return parseEnv(StoreConfigSchema, env, "The store");
}

/** The same store with its SQLite file elsewhere (the CLI's --db); PostgreSQL is unaffected. */
export function withSqlitePath(config: StoreConfig, sqlitePath: string | undefined): StoreConfig {
  return sqlitePath === undefined ? config : { ...config, sqlitePath };
}
