/**
 * The PostgreSQL store's retry paths, driven by real overlaps between two connections (the store
 * contract's "at once" cases never overlap: writers take an advisory lock first). Each test waits
 * for a positive signal (a connection seen waiting on a lock, a transaction that has read) before
 * letting the other side go on, so the overlap happens on every run, not by luck.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { withTransaction } from "../../src/store/postgres/db.ts";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { answered, makeQuestion } from "./fixtures.ts";
import { adminQuery, dropSchema, freshSchemaName, PG_URL, pgUrl } from "./pg.ts";

const stores: PostgresStore[] = [];
const schemas: string[] = [];
const clients: pg.Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const s of stores.splice(0)) await s.close();
  for (const s of schemas.splice(0)) await dropSchema(s);
});

async function open(): Promise<{ store: PostgresStore; schema: string }> {
  const schema = freshSchemaName();
  schemas.push(schema);
  const store = await PostgresStore.open({ connectionString: pgUrl(), schema, max: 2 });
  stores.push(store);
  return { store, schema };
}

/** Another process's connection, outside every pool under test. */
async function otherConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: pgUrl() });
  client.on("error", () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

/** Polls until `check` holds; the bound only stops a broken run, nothing is timed. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never saw: ${what}`);
}

describe.skipIf(!PG_URL)("PostgreSQL retry paths", () => {
  it("an upsert whose insert meets a row another connection inserted meanwhile merges again (RetryTransaction)", async () => {
    const { store, schema } = await open();
    const staging = await open();
    const older = makeQuestion({ id: "1" });
    const newer = answered(older, "The answer.");
    // The other writer's row, prepared in a schema of its own, then copied in one uncommitted insert.
    await staging.store.upsertQuestions([older]);
    const other = await otherConnection();
    await other.query("BEGIN");
    await other.query(`INSERT INTO "${schema}".questions SELECT * FROM "${staging.schema}".questions`);

    const upsert = store.upsertQuestions([newer]);
    // The upsert saw no row 1 and now waits on the other's uncommitted insert of it.
    await until(async () => {
      const { rows } = await adminQuery(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO questions%' AND datname = current_database()",
      );
      return (rows[0] as { n: number }).n > 0;
    }, "the upsert waiting on the other connection's insert");
    await other.query("COMMIT");

    // Its first attempt would have counted an insert; merged again, it is an update of the other's row.
    expect(await upsert).toEqual({ inserted: 0, updated: 1, unchanged: 0, changedIds: ["1"] });
    expect(await store.getQuestion("1")).toEqual(newer);
    expect(await store.countQuestions()).toBe(1);
  });

  it("a transaction failing with a serialization failure (40001) runs again and then commits", async () => {
    const { store, schema } = await open();
    await adminQuery(`CREATE TABLE "${schema}".t (k int NOT NULL)`);
    let attempts = 0;
    let hasRead!: () => void;
    const read = new Promise<void>((r) => (hasRead = r));
    let goOn!: () => void;
    const go = new Promise<void>((r) => (goOn = r));

    // Write skew under SERIALIZABLE: this reads k = 1 and writes k = 2 while the other reads k = 2
    // and writes k = 1 and commits first, so this one must fail with 40001 and run again.
    const result = withTransaction(store.pool, async (client) => {
      attempts++;
      await client.query("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE k = 1");
      if (attempts === 1) {
        hasRead();
        await go;
      }
      await client.query("INSERT INTO t (k) VALUES (2)");
      return rows[0]?.n;
    });

    await read;
    const other = await otherConnection();
    await other.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
    await other.query(`SELECT count(*) FROM "${schema}".t WHERE k = 2`);
    await other.query(`INSERT INTO "${schema}".t (k) VALUES (1)`);
    await other.query("COMMIT");
    goOn();

    // The second attempt sees the other's committed row.
    expect(await result).toBe(1);
    expect(attempts).toBe(2);
    const { rows } = await adminQuery(`SELECT k FROM "${schema}".t ORDER BY k`);
    expect(rows).toEqual([{ k: 1 }, { k: 2 }]);
  });

  it("gives up after its attempts and passes the failure on", async () => {
    const { store } = await open();
    let attempts = 0;
    const failing = withTransaction(
      store.pool,
      async (client) => {
        attempts++;
        // A real 40001 raised by the server, every time.
        await client.query("DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure'; END $$");
      },
      3,
    );
    await expect(failing).rejects.toMatchObject({ code: "40001" });
    expect(attempts).toBe(3);
  });
});
