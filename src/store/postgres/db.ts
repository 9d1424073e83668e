import pg from "pg";
import { z } from "zod";
import type { Logger } from "../../logger.ts";

/** How to reach PostgreSQL. `schema` (optional) puts wq's tables in that schema instead of `public`. */
export interface PostgresOptions {
  connectionString: string;
  /** A plain lower-case identifier; created if missing. Tests use one fresh schema each. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  logger?: Pick<Logger, "warn">;
}

const SchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a schema name: lower-case letters, digits and _");

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The connection settings every wq connection uses, pool or leader lock: the URL, the schema on
 * the search path, TCP keepalive so that a dead peer is noticed, and an application name that
 * shows in pg_stat_activity.
 */
export function clientConfig(options: PostgresOptions): pg.ClientConfig {
  const config: pg.ClientConfig = {
    connectionString: options.connectionString,
    keepAlive: true,
    application_name: "wq",
  };
  if (options.schema !== undefined) {
    const schema = SchemaName.parse(options.schema);
    config.options = `-c search_path=${schema}`;
  }
  return config;
}

/** A pool whose idle-connection errors are logged instead of crashing the process. */
export function createPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(options), max: options.max ?? 10 });
  pool.on("error", (error) => options.logger?.warn(`PostgreSQL: idle connection lost: ${error.message}`));
  return pool;
}

/** Something that runs queries: the pool or one checked-out client. */
export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient | pg.Client;

/** Runs a query and checks each row with `schema`: rows leave the driver untyped. */
export async function queryRows<T extends z.ZodType>(
  db: Queryable,
  schema: T,
  text: string,
  values: readonly unknown[] = [],
): Promise<Array<z.infer<T>>> {
  const result = await db.query(text, [...values]);
  return z.array(schema).parse(result.rows);
}

/** Runs a statement and returns how many rows it touched. */
export async function execute(db: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  const result = await db.query(text, [...values]);
  return result.rowCount ?? 0;
}

/** SQLSTATEs worth running a whole transaction again for. */
const RETRYABLE = new Set(["40001" /* serialization_failure */, "40P01" /* deadlock_detected */]);

/** Thrown inside a transaction body to roll back and run it again (a concurrent insert won). */
export class RetryTransaction extends Error {}

function sqlState(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const code: unknown = error.code;
  return typeof code === "string" ? code : null;
}

/**
 * Runs `body` in a transaction on one pooled client: commits on success, rolls back on error. A
 * deadlock, a serialization failure or a RetryTransaction runs the body again (a few times).
 */
export async function withTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await body(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true; // the connection itself failed; do not hand it back to the pool
      }
      const retry = error instanceof RetryTransaction || RETRYABLE.has(sqlState(error) ?? "");
      if (!retry || attempt >= attempts) throw error;
    } finally {
      client.release(broken);
    }
  }
}
