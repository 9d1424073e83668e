/**
 * The whole environment is parsed once, layer by layer: every mistake of every layer in one
 * ConfigError, each layer handed its own parsed settings, and .env.example naming exactly the
 * variables the layers read.
 */
import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DiscordConfigSchema } from "../../src/adapters/discord/config.ts";
import { SharedConfigSchema } from "../../src/adapters/shared/config.ts";
import { SlackConfigSchema } from "../../src/adapters/slack/config.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { CoreConfigSchema, indexCachePath, loadCoreConfig } from "../../src/core/config.ts";
import { RuntimeConfigSchema } from "../../src/runtime/config.ts";
import { SourcesConfigSchema, loadSourcesConfig } from "../../src/sources/config.ts";
import { StoreConfigSchema, loadStoreConfig, withSqlitePath } from "../../src/store/config.ts";

const errorOf = (read: () => unknown): ConfigError => {
  try {
    read();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
};

describe("loadConfig", () => {
  it("reports the mistakes of every layer together, one line each, in one ConfigError", () => {
    const error = errorOf(() =>
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        WQ_SYNC_INTERVAL: "soon",
        WQ_RATE_LIMIT_USER: "lots",
        SLACK_BOT_TOKEN: "xoxb-1",
        DISCORD_TOKEN: "Bot abc",
      }),
    );
    for (const name of ["PORT", "DATABASE_URL", "WQ_SYNC_INTERVAL", "WQ_RATE_LIMIT_USER", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN", "DISCORD_APPLICATION_ID"]) {
      expect(error.problems.filter((line) => line.trimStart().startsWith(`${name}:`))).toHaveLength(1);
    }
    expect(error.message.split("\n")[0]).toBe("wq is not configured correctly:");
    expect(error.message).toMatch(/See \.env\.example\.$/);
    expect(error.message.match(/not configured correctly/g)).toHaveLength(1);
  });

  it("hands each layer its parsed settings, with the documented defaults", () => {
    const config = loadConfig({});
    expect(config.runtime).toEqual({ port: 3000 });
    expect(config.store).toEqual({ sqlitePath: "./data/wq.db", postgres: null });
    expect(config.core).toEqual({ indexCache: { kind: "beside-db" }, indexThreads: null });
    expect(config.sources.sync).toEqual({
      apiUrl: "https://questions-statements-api.parliament.uk/api",
      backfillDays: 30,
      overlapDays: 2,
      concurrency: 4,
      requestsPerSecond: 8,
      timeoutMs: 30_000,
    });
    expect(config.sources.schedule).toEqual({ intervalSeconds: 600, explicit: false });
    expect(config.sources.import).toEqual({});
    expect(config.sources.seeds).toMatch(/seeds$/);
    expect(config.shared.rateLimits).toEqual({ perUser: 20, perWorkspace: 120 });
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
  });

  it("parses only the layers asked for: a command-line tool is not stopped by a chat platform's mistake", () => {
    const env = { SLACK_BOT_TOKEN: "not-a-token", WQ_DB: "/tmp/x.db" };
    expect(() => loadConfig(env)).toThrow(/SLACK_BOT_TOKEN/);
    const config = loadConfig(env, ["store", "core"]);
    expect(Object.keys(config).sort()).toEqual(["core", "store"]);
    expect(config.store.sqlitePath).toBe("/tmp/x.db");
  });

  it("counts empty values as unset, as a .env copied from .env.example holds them", () => {
    const blank = Object.fromEntries(variablesOfEnvExample().map((name) => [name, ""]));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });
});

describe("each layer's settings", () => {
  it("store: PostgreSQL with its schema when DATABASE_URL is set; --db moves only the SQLite file", () => {
    const pg = loadStoreConfig({ DATABASE_URL: "postgres://u:p@h:5432/d", WQ_PG_SCHEMA: "wq_a" });
    expect(pg.postgres).toEqual({ url: "postgres://u:p@h:5432/d", schema: "wq_a" });
    expect(withSqlitePath(pg, "/x.db")).toEqual({ ...pg, sqlitePath: "/x.db" });
    expect(withSqlitePath(pg, undefined)).toBe(pg);
  });

  it("core: the index snapshot beside the SQLite file, at its own path, or off; none for an in-memory store", () => {
    const file = loadStoreConfig({ WQ_DB: "/d/wq.db" });
    expect(indexCachePath(loadCoreConfig({}), file)).toBe("/d/wq.db.index");
    expect(indexCachePath(loadCoreConfig({ WQ_INDEX_CACHE: "/i/snap" }), file)).toBe("/i/snap");
    expect(indexCachePath(loadCoreConfig({ WQ_INDEX_CACHE: "off" }), file)).toBeNull();
    expect(indexCachePath(loadCoreConfig({}), loadStoreConfig({ WQ_DB: ":memory:" }))).toBeNull();
  });

  it("core: the index build's threads as asked, none with 0, and a wrong count named in one line", () => {
    expect(loadCoreConfig({ WQ_INDEX_THREADS: "0" }).indexThreads).toBe(0);
    expect(loadCoreConfig({ WQ_INDEX_THREADS: "2" }).indexThreads).toBe(2);
    for (const wrong of ["two", "-1", "1.5", "64"]) {
      const error = errorOf(() => loadCoreConfig({ WQ_INDEX_THREADS: wrong }));
      expect(error.problems, wrong).toHaveLength(1);
      expect(error.problems[0], wrong).toMatch(/^ {2}WQ_INDEX_THREADS: must be/);
    }
  });

  it("sources: sync's pace in the units runSync takes, the schedule marked explicit when set, the import cap in bytes", () => {
    const sources = loadSourcesConfig({ WQ_SYNC_INTERVAL: "0", WQ_API_TIMEOUT: "0", WQ_API_CONCURRENCY: "0", WQ_API_RATE: "0", WQ_IMPORT_MAX_FILE_MB: "2" });
    expect(sources.schedule).toEqual({ intervalSeconds: 0, explicit: true });
    expect(sources.sync).toMatchObject({ timeoutMs: 1000, concurrency: 1, requestsPerSecond: 0 });
    expect(sources.import).toEqual({ maxFileBytes: 2 * 1024 * 1024 });
    expect(() => loadSourcesConfig({ WQ_IMPORT_MAX_FILE_MB: "lots" })).toThrow(/WQ_IMPORT_MAX_FILE_MB: a whole number of megabytes/);
    expect(() => loadSourcesConfig({ WQ_API_URL: "ftp://x" })).toThrow(/WQ_API_URL: an http\(s\) URL/);
  });
});

/** The variables a layer's schema reads: the keys of the object its transform starts from. */
function variablesOf(schema: z.ZodType): string[] {
  const input = schema instanceof z.ZodPipe ? schema.in : schema;
  if (!(input instanceof z.ZodObject)) throw new Error("a layer's schema reads an object of variables");
  return Object.keys(input.shape);
}

function variablesOfEnvExample(): string[] {
  const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? "");
}

describe(".env.example", () => {
  it("is a valid configuration as it stands (the console, on its defaults)", () => {
    const example = parse(readFileSync(new URL("../../.env.example", import.meta.url), "utf8"));
    const config = loadConfig(example);
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.runtime.port).toBe(3000);
  });

  it("names every variable a layer reads, and none that no layer reads", () => {
    const read = new Set(
      [RuntimeConfigSchema, StoreConfigSchema, CoreConfigSchema, SourcesConfigSchema, SharedConfigSchema, SlackConfigSchema, DiscordConfigSchema].flatMap(variablesOf),
    );
    expect(new Set(variablesOfEnvExample())).toEqual(read);
  });
});
