/**
 * OAuth installations are sealed with AES-256-GCM under WQ_SECRET_KEY: the bot token's bytes are
 * nowhere in the database files, a changed key or an altered row is refused, a row written in plain
 * text by an older wq is sealed when read, OAuth mode does not start without the key, and a new
 * database file is readable by its owner only.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlackConfig } from "../../src/adapters/slack/config.ts";
import { storeInstallationStore } from "../../src/adapters/slack/installation-store.ts";
import { SecretBox } from "../../src/store/secret-box.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { installation } from "../slack/installations.ts";

const KEY = "0123456789abcdef0123456789abcdef-test";
const TOKEN = "xoxb-1111-2222-VERYSECRETTOKENBYTES";
const QUERY = { teamId: "T9", enterpriseId: undefined, isEnterpriseInstall: false } as const;

function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), "wq-rest-")), "data", "wq.db");
}

/** Every byte SQLite keeps for this database: the file and its WAL and shared-memory files. */
function allBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

describe("installations at rest", () => {
  it("the token is not in the database's bytes, and reads back whole with the key", async () => {
    const path = freshPath();
    const store = new SqliteStore(path);
    await storeInstallationStore(store, SecretBox.fromSecret(KEY)).storeInstallation(installation("T9", TOKEN));
    expect(allBytes(path).includes(Buffer.from("VERYSECRETTOKENBYTES"))).toBe(false);
    expect(allBytes(path).includes(Buffer.from("T9"))).toBe(true); // the row is there, under its key
    const again = await storeInstallationStore(store, SecretBox.fromSecret(KEY)).fetchInstallation(QUERY);
    expect(again.bot?.token).toBe(TOKEN);
    await store.close();
    expect(allBytes(path).includes(Buffer.from("VERYSECRETTOKENBYTES"))).toBe(false);
  });

  it("another key, or a sealed value moved to another team's key, does not open", async () => {
    const store = new SqliteStore(freshPath());
    await storeInstallationStore(store, SecretBox.fromSecret(KEY)).storeInstallation(installation("T9", TOKEN));
    await expect(storeInstallationStore(store, SecretBox.fromSecret(`${KEY}-changed`)).fetchInstallation(QUERY)).rejects.toThrow(/WQ_SECRET_KEY changed/);
    await store.setMeta("slack:installation:team:T8", (await store.getMeta("slack:installation:team:T9")) ?? "");
    await expect(storeInstallationStore(store, SecretBox.fromSecret(KEY)).fetchInstallation({ ...QUERY, teamId: "T8" })).rejects.toThrow(/cannot be read/);
    await store.close();
  });

  it("a plain-text installation from an older wq still works and is sealed on first read", async () => {
    const path = freshPath();
    const store = new SqliteStore(path);
    await storeInstallationStore(store).storeInstallation(installation("T9", TOKEN));
    expect(await store.getMeta("slack:installation:team:T9")).toContain(TOKEN);
    const read = await storeInstallationStore(store, SecretBox.fromSecret(KEY)).fetchInstallation(QUERY);
    expect(read.bot?.token).toBe(TOKEN);
    const stored = (await store.getMeta("slack:installation:team:T9")) ?? "";
    expect(SecretBox.isSealed(stored)).toBe(true);
    expect(stored).not.toContain(TOKEN);
    await store.close();
  });

  it("OAuth mode is refused without WQ_SECRET_KEY, or with a short one, naming it", () => {
    const oauth = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "s".repeat(16), SLACK_SIGNING_SECRET: "x" };
    expect(() => loadSlackConfig(oauth)).toThrow(/WQ_SECRET_KEY: missing: .*encrypts each workspace's bot token/);
    expect(() => loadSlackConfig({ ...oauth, WQ_SECRET_KEY: "short" })).toThrow(/WQ_SECRET_KEY: must be at least 32 characters/);
    expect(loadSlackConfig({ ...oauth, WQ_SECRET_KEY: KEY }).secretKey).toBe(KEY);
  });

  it("a new database file is created readable and writable by its owner only", async () => {
    const path = freshPath();
    const store = new SqliteStore(path);
    await store.setMeta("k", "v");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    if (existsSync(`${path}-wal`)) expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });
});
