/** pruneMeta on both stores: only the prefix, only values last written before the cutoff. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";
import { FakeClock } from "../core/alerts/harness.ts";
import { dropSchema, freshSchemaName, PG_URL, pgUrl } from "../store/pg.ts";

const DAY = 86_400_000;

async function exercise(store: Store, clock: FakeClock): Promise<void> {
  await store.setMeta("btn:old", "1");
  await store.setMeta("btn_x:old", "1"); // `_` would match the prefix under LIKE
  await store.setMeta("other:old", "1");
  clock.advance(10 * DAY);
  await store.setMeta("btn:new", "2");
  expect(await store.pruneMeta("btn:", new Date(clock.now().getTime() - 5 * DAY))).toBe(1);
  expect(await store.getMeta("btn:old")).toBeNull();
  expect(await store.getMeta("btn:new")).toBe("2");
  expect(await store.getMeta("btn_x:old")).toBe("1");
  expect(await store.getMeta("other:old")).toBe("1");
  // Writing again counts as new.
  clock.advance(10 * DAY);
  await store.setMeta("btn:new", "3");
  expect(await store.pruneMeta("btn:", new Date(clock.now().getTime() - 5 * DAY))).toBe(0);
}

describe("pruneMeta", () => {
  it("SQLite", async () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const store = new SqliteStore(":memory:", clock.now);
    await exercise(store, clock);
    await store.close();
  });

  it("SQLite upgraded from before the stamp: old values count from the upgrade, not from never", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wq-meta-")), "old.db");
    const old = new Database(path);
    old.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('btn:legacy', 'x');");
    old.close();
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const store = new SqliteStore(path, clock.now);
    expect(await store.pruneMeta("btn:", new Date(clock.now().getTime() - 5 * DAY))).toBe(0);
    clock.advance(10 * DAY);
    expect(await store.pruneMeta("btn:", new Date(clock.now().getTime() - 5 * DAY))).toBe(1);
    await store.close();
  });

  it.skipIf(!PG_URL)("PostgreSQL", async () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const schema = freshSchemaName();
    const store = await PostgresStore.open({ connectionString: pgUrl(), schema, max: 2, now: clock.now });
    try {
      await exercise(store, clock);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
