import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.ts";
import { loadStoreConfig } from "../../src/store/config.ts";
import { openStores, redact, type OpenedStores } from "../../src/store/open-store.ts";
import { makeItem, makeQuestion, makeSubscription } from "./fixtures.ts";
import { dropSchema, freshSchemaName, PG_URL, pgUrl } from "./pg.ts";

/** The store of an environment, its settings parsed as at start; a bad setting rejects. */
const open = async (env: Record<string, string>): Promise<OpenedStores> => openStores(loadStoreConfig(env));

describe("openStores", () => {
  const opened: OpenedStores[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
    for (const c of cleanups.splice(0)) await c();
  });

  async function exercise(stores: OpenedStores): Promise<void> {
    await stores.store.upsertQuestions([makeQuestion({ id: "1" })]);
    expect(await stores.store.countQuestions()).toBe(1);
    await stores.alerts.createSubscription(makeSubscription());
    expect(await stores.alerts.enqueue([makeItem()])).toBe(1);
    expect(await stores.leader.tryAcquire()).toBe(true);
    expect(stores.leader.isLeader()).toBe(true);
  }

  it("opens the SQLite file at WQ_DB when DATABASE_URL is unset or empty", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wq-open-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stores = await open({ WQ_DB: join(dir, "sub", "wq.db"), DATABASE_URL: "" });
    opened.push(stores);
    expect(stores.kind).toBe("sqlite");
    await exercise(stores);
  });

  it.each([
    ["not a url", "DATABASE_URL"],
    ["mysql://wq:hunter2@db.example.com/wq", "DATABASE_URL"],
    ["http://db.example.com/wq", "DATABASE_URL"],
  ])("rejects DATABASE_URL=%s with a ConfigError naming it", async (url, name) => {
    const error = await open({ DATABASE_URL: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain("postgres://");
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("rejects a WQ_PG_SCHEMA that is not a plain name", async () => {
    await expect(open({ DATABASE_URL: "postgres://localhost/wq", WQ_PG_SCHEMA: "Bad-Name" })).rejects.toThrow(/WQ_PG_SCHEMA/);
  });

  it("reports a server it cannot reach as a ConfigError, without the password", async () => {
    const error = await open({ DATABASE_URL: "postgres://wq:hunter2@127.0.0.1:1/wq" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/PostgreSQL at postgres:\/\/wq:\*\*\*@127\.0\.0\.1:1\/wq could not be opened/);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("redacts only the password", () => {
    expect(redact("postgres://wq:s3cret@db:5432/wq?sslmode=require")).toBe("postgres://wq:***@db:5432/wq?sslmode=require");
    expect(redact("postgres://db/wq")).toBe("postgres://db/wq");
  });

  it.skipIf(!PG_URL)("opens PostgreSQL when DATABASE_URL is set, in WQ_PG_SCHEMA", async () => {
    const schema = freshSchemaName();
    cleanups.push(() => dropSchema(schema));
    const stores = await open({ DATABASE_URL: pgUrl(), WQ_PG_SCHEMA: schema });
    opened.push(stores);
    expect(stores.kind).toBe("postgres");
    await exercise(stores);
    // A second process on the same database: the same data, and it does not lead.
    const second = await open({ DATABASE_URL: pgUrl(), WQ_PG_SCHEMA: schema });
    opened.push(second);
    expect(await second.store.countQuestions()).toBe(1);
    expect(await second.alerts.getSubscription("s1")).not.toBeNull();
    expect(await second.leader.tryAcquire()).toBe(false);
  });
});
