import { ConfigError } from "../env.ts";
import type { AlertStore } from "../model/alerts.ts";
import type { Logger } from "../logger.ts";
import type { StoreConfig } from "./config.ts";
import { LocalLeaderLock, type LeaderLock } from "./leader.ts";
import { SqliteAlertStore } from "./sqlite-alert-store.ts";
import { SqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

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
 * first), else the SQLite file. Throws ConfigError for a server that cannot be reached, with a
 * message fit to show as it is (never the password).
 */
export async function openStores(config: StoreConfig, now?: () => Date, logger?: Pick<Logger, "warn">): Promise<OpenedStores> {
  if (config.postgres === null) {
    const store = new SqliteStore(config.sqlitePath, now);
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

  const { url, schema } = config.postgres;
  const options = {
    connectionString: url,
    ...(schema !== undefined ? { schema } : {}),
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
    throw new ConfigError(`PostgreSQL at ${redact(url)} could not be opened: ${reason}`);
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
