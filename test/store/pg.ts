import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * PostgreSQL for the store tests: WQ_TEST_DATABASE_URL, else the local server of .ci/run (trust
 * auth, database `test`) as `postgres` or as the current user. Each test works in a schema of its
 * own, dropped afterwards, so test files may run in parallel against one database.
 */
const CANDIDATES = process.env["WQ_TEST_DATABASE_URL"]
  ? [process.env["WQ_TEST_DATABASE_URL"]]
  : ["postgres://postgres@127.0.0.1:5432/test", `postgres://${encodeURIComponent(process.env["USER"] ?? "root")}@127.0.0.1:5432/test`];

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function findServer(): Promise<string | null> {
  for (const url of CANDIDATES) if (await reachable(url)) return url;
  return null;
}

/** The URL of a reachable server, or null (the PostgreSQL tests are then skipped, saying why). */
export const PG_URL: string | null = await findServer();

if (!PG_URL) {
  console.warn(
    `PostgreSQL store tests SKIPPED: no server at ${CANDIDATES.join(" or ")}. ` +
      "Start one (.ci/run does) or set WQ_TEST_DATABASE_URL.",
  );
}

export function pgUrl(): string {
  if (!PG_URL) throw new Error("PostgreSQL is not reachable");
  return PG_URL;
}

/** A fresh, unused schema name (wq creates the schema when it opens). */
export function freshSchemaName(): string {
  return `wq_test_${randomBytes(6).toString("hex")}`;
}

/** Runs `sql` on a connection of its own (outside any pool under test). */
export async function adminQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: pgUrl() });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
