import { z } from "zod";
import { ConfigError, parseEnv } from "../env.ts";
import type { AlertStore } from "../model/alerts.ts";
import type { Logger } from "../logger.ts";
import { LocalLeaderLock, type LeaderLock } from "./leader.ts";
import { SqliteAlertStore } from "./sqlite-alert-store.ts";
import { SqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

/** The store's environment: the embedded file, or PostgreSQL when DATABASE_URL is set. */
export const StoreEnvSchema = z.object({
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
});
export type StoreEnv = z.infer<typeof StoreEnvSchema>;

export interface OpenedStores {
  store: Store;
  alerts: AlertStore;
  /** Decides which process runs sync and delivery; pass it to runAsLeader. */
  leader: LeaderLock;
  kind: "sqlite" | "postgres";
  /** Releases the lock and closes the store (and its connections). */
  close(): Promise<void>;
}

/**
 * Opens the store wq runs on: PostgreSQL when DATABASE_URL is set (the schema created or migrated
 * first), else the SQLite file at WQ_DB. Throws ConfigError for a bad setting or a server that
 * cannot be reached, with a message fit to show as it is (never the password).
 */
export async function openStores(
  env: Record<string, string | undefined>,
  now?: () => Date,
  logger?: Pick<Logger, "warn">,
): Promise<OpenedStores> {
  const config = parseEnv(StoreEnvSchema, env, "The store");
  if (config.DATABASE_URL === undefined) {
    const store = new SqliteStore(config.WQ_DB, now);
    const leader = new LocalLeaderLock();
    return {
      store,
      alerts: new SqliteAlertStore(store.db),
      leader,
      kind: "sqlite",
      close: async () => {
        await leader.release();
        await store.close();
      },
    };
  }

  const options = {
    connectionString: config.DATABASE_URL,
    ...(config.WQ_PG_SCHEMA !== undefined ? { schema: config.WQ_PG_SCHEMA } : {}),
    ...(logger ? { logger } : {}),
  };
  // Loaded only for PostgreSQL: pg takes a good part of a CLI command's start-up on SQLite.
  const [{ PostgresStore }, { PgLeaderLock }, { PostgresAlertStore }] = await Promise.all([
    import("./postgres/postgres-store.ts"),
    import("./postgres/leader-lock.ts"),
    import("./postgres/postgres-alert-store.ts"),
  ]);
  let store: InstanceType<typeof PostgresStore>;
  try {
    store = await PostgresStore.open({ ...options, ...(now ? { now } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`PostgreSQL at ${redact(config.DATABASE_URL)} could not be opened: ${reason}`);
  }
  const leader = new PgLeaderLock(options);
  return {
    store,
    alerts: new PostgresAlertStore(store.pool),
    leader,
    kind: "postgres",
    close: async () => {
      await leader.release();
      await store.close();
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}
