import { afterEach, describe, expect, it } from "vitest";
import type { AlertStore } from "../../src/model/alerts.ts";
import { PostgresAlertStore } from "../../src/store/postgres/postgres-alert-store.ts";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/postgres/schema.ts";
import type { Store } from "../../src/store/store.ts";
import { alertStoreContract, storeContract, type Backend } from "./contract.ts";
import { makeQuestion } from "./fixtures.ts";
import { adminQuery, dropSchema, freshSchemaName, PG_URL, pgUrl } from "./pg.ts";

/** A fresh schema per test; each open() is a new pool (as another process would have). */
function pgBackend<T>(wrap: (store: PostgresStore) => T): Backend<T> {
  const schema = freshSchemaName();
  const opened: PostgresStore[] = [];
  return {
    open: async () => {
      const store = await PostgresStore.open({ connectionString: pgUrl(), schema, max: 4 });
      opened.push(store);
      return wrap(store);
    },
    cleanup: async () => {
      for (const s of opened) if (!s.pool.ended) await s.close();
      await dropSchema(schema);
    },
  };
}

describe.skipIf(!PG_URL)("PostgreSQL", () => {
  storeContract("PostgreSQL", async () => pgBackend<Store>((s) => s));
  alertStoreContract("PostgreSQL", async () => pgBackend<AlertStore>((s) => new PostgresAlertStore(s.pool)));

  describe("schema", () => {
    const schemas: string[] = [];
    const stores: PostgresStore[] = [];
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
      for (const s of schemas.splice(0)) await dropSchema(s);
    });
    const open = async (schema: string): Promise<PostgresStore> => {
      const store = await PostgresStore.open({ connectionString: pgUrl(), schema, max: 2 });
      stores.push(store);
      return store;
    };

    it("creates the schema at the current version, once, when several processes open at once", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      await Promise.all(Array.from({ length: 5 }, () => open(schema)));
      const rows = await adminQuery(`SELECT version FROM "${schema}".wq_schema`);
      expect(rows.rows).toEqual([{ version: SCHEMA_VERSION }]);
      expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    });

    it("opens an existing schema again without changing its data", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const first = await open(schema);
      await first.upsertQuestions([makeQuestion({ id: "1" })]);
      const second = await open(schema);
      expect(await second.countQuestions()).toBe(1);
      expect((await adminQuery(`SELECT count(*)::int AS n FROM "${schema}".wq_schema`)).rows).toEqual([{ n: 1 }]);
    });

    it("runs every migration step a second time without error (they are idempotent)", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const store = await open(schema);
      await store.upsertQuestions([makeQuestion({ id: "1" })]);
      const client = await store.pool.connect();
      const failures: unknown[] = [];
      try {
        for (const step of MIGRATIONS) await client.query(step).catch((e: unknown) => failures.push(e));
      } finally {
        client.release();
      }
      expect(failures).toEqual([]);
      // Re-running changed nothing: the data and the recorded version are as they were.
      expect(await store.countQuestions()).toBe(1);
      expect((await store.getQuestion("1"))?.id).toBe("1");
      expect((await adminQuery(`SELECT version FROM "${schema}".wq_schema`)).rows).toEqual([{ version: SCHEMA_VERSION }]);
    });

    it("refuses a schema newer than this wq", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      await open(schema);
      await adminQuery(`UPDATE "${schema}".wq_schema SET version = ${SCHEMA_VERSION + 1}`);
      await expect(PostgresStore.open({ connectionString: pgUrl(), schema })).rejects.toThrow(/newer than this wq/);
    });

    it("checks stored records on read", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const store = await open(schema);
      await adminQuery(
        `INSERT INTO "${schema}".questions (id, date_tabled, uin, date_answered, record, updated_at) VALUES ('x', '2026-11-01', NULL, NULL, '{"id":"x"}', now())`,
      );
      await expect(store.getQuestion("x")).rejects.toThrow();
    });

    it("reports an unreachable server", async () => {
      await expect(
        PostgresStore.open({ connectionString: "postgres://postgres@127.0.0.1:1/test", schema: freshSchemaName() }),
      ).rejects.toThrow();
    });

    it("rejects a schema name that is not a plain identifier", async () => {
      await expect(PostgresStore.open({ connectionString: pgUrl(), schema: 'x"; DROP TABLE y; --' })).rejects.toThrow();
    });
  });
});
