/** The register script, the Discord settings and the start say what to fix and where, not a bare "401: Unauthorized". */
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDiscordConfig } from "../../src/adapters/discord/config.ts";
import { registerError } from "../../src/adapters/discord/explain.ts";
import { startDiscord } from "../../src/adapters/discord/index.ts";
import { APP_ID, FakeDiscord } from "../fakes/discord/fake-discord.ts";
import { seededCore } from "../helpers/core.ts";

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: "right" });
});
afterAll(async () => {
  await fake.close();
});

describe("npm run discord:register", () => {
  it("explains a 401 in one line naming DISCORD_TOKEN and where to reset it", async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: "wrong", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    const failure = await execFileAsync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/discord-register.ts")], { env, cwd: tmpdir() }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure.code).toBe(1);
    const lines = failure.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DISCORD_TOKEN .*401.*Bot > Reset Token/);
  }, 30_000);

  it("explains a 403 by the setting at fault: the guild for guild commands, the application id for global ones", () => {
    const forbidden = { status: 403, code: 50001, message: "Missing Access" };
    expect(registerError(forbidden, "guild").message).toMatch(/DISCORD_GUILD_ID.*403.*not in that server/);
    expect(registerError(forbidden, "global").message).toMatch(/DISCORD_APPLICATION_ID.*General Information/);
    expect(registerError({ status: 401 }, "global").message).toMatch(/DISCORD_TOKEN/);
  });
});

describe("Discord settings", () => {
  it("say where each missing or malformed value is found, as the Slack ones do", () => {
    const messageOf = (env: Record<string, string>): string => {
      try {
        loadDiscordConfig(env);
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(messageOf({ DISCORD_TOKEN: "t" })).toMatch(/DISCORD_APPLICATION_ID is missing: .*General Information > Application ID/);
    expect(messageOf({ DISCORD_APPLICATION_ID: APP_ID })).toMatch(/DISCORD_TOKEN is missing: .*Bot > Reset Token/);
    expect(messageOf({ DISCORD_TOKEN: "Bot abc.def.ghi", DISCORD_APPLICATION_ID: APP_ID })).toMatch(/without "Bot "/);
    expect(messageOf({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: "general" })).toMatch(/DISCORD_GUILD_ID must be a Discord id.*Copy Server ID/);
  });
});

describe("Discord start", () => {
  it("warns, naming both ids, when DISCORD_APPLICATION_ID is not the token's application", async () => {
    const seeded = await seededCore();
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} };
    const other = "123456789012345678";
    const bot = await startDiscord({ core: seeded.core, store: seeded.store, config: { token: "right", applicationId: other, apiUrl: fake.apiUrl }, logger, rest: { retries: 0, timeout: 2000 } });
    await bot.stop();
    await seeded.close();
    expect(warnings).toEqual([expect.stringContaining(`DISCORD_APPLICATION_ID is ${other} but DISCORD_TOKEN belongs to application ${APP_ID}`)]);
  }, 30_000);
});
