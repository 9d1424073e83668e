import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../src/adapters/discord/index.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { APP_ID, FakeDiscord } from "../fakes/discord/fake-discord.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

let fake: FakeDiscord;
let seeded: SeededCore;

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: "right-token" });
  seeded = await seededCore();
});
afterAll(async () => {
  await fake.close();
  await seeded.close();
});

describe("logging in", () => {
  it("fails fast and clearly with a wrong token, leaving nothing running", async () => {
    const store = new SqliteStore(":memory:");
    const config = { token: "wrong-token", applicationId: APP_ID, apiUrl: fake.apiUrl };
    const logger = { info: () => {}, warn: () => {}, error: () => {} };
    await expect(startDiscord({ core: seeded.core, store, config, logger, rest: { retries: 0, timeout: 30_000 } })).rejects.toThrow(/invalid token/i);
    expect(fake.identifies).toEqual([]);
    await store.close();
  });

  it("starts and stops with the right token, and logs who it is", async () => {
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
    const config = { token: "right-token", applicationId: APP_ID, apiUrl: fake.apiUrl };
    const bot = await startDiscord({ core: seeded.core, store: seeded.store, config, logger, rest: { retries: 0, timeout: 30_000 } });
    expect(lines).toEqual(["discord: connected as wq"]);
    await bot.stop();
  });
});
