import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../src/adapters/discord/register.ts";
import { APP_ID, FakeDiscord, GUILD_ID } from "../fakes/discord/fake-discord.ts";

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
/** Runs the script from an empty folder, so a developer's .env cannot leak into the test. */
const runScript = (env: Record<string, string | undefined>) =>
  execFileAsync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/discord-register.ts")], { env, cwd: tmpdir() });
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
});

interface CommandJson {
  name: string;
  default_member_permissions?: string | null;
  options: Array<{ name: string; type: number; options?: Array<{ name: string; autocomplete?: boolean }> }>;
}

describe("registering /wq", () => {
  it("bulk-overwrites the guild's commands when a guild is set", async () => {
    const result = await registerCommands({ token: "tok", applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl }, { retries: 0, timeout: 30_000 });
    expect(result.scope).toBe("guild");
    expect(result.commands.map((c) => c.name)).toEqual(["wq", "wq-alerts"]);
    const put = await fake.waitFor((r) => r.method === "PUT");
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe("Bot tok");
    const body = put.body as CommandJson[];
    expect(body).toHaveLength(2);
    expect(body[0]?.name).toBe("wq");
    expect(body[0]?.options.map((o) => o.name)).toEqual(["search", "show", "latest", "overdue", "trend", "help", "status", "watch", "watching", "unwatch"]);
    expect(body[0]?.options[0]?.options?.[0]).toMatchObject({ name: "query", autocomplete: true });
    // Subscriptions are their own top-level command, shown to Manage Channels only.
    expect(body[1]?.name).toBe("wq-alerts");
    expect(body[1]?.default_member_permissions).toBe("16");
    expect(body[1]?.options.map((o) => o.name)).toEqual(["subscribe", "list", "unsubscribe", "pause", "resume"]);
  });

  it("the script registers globally without a guild and prints the invite link", async () => {
    const before = fake.requests.length;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: "tok2", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    const { stdout } = await runScript(env);
    expect(stdout).toContain("Registered /wq, /wq-alerts globally");
    expect(stdout).toContain(`https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=309237730304`);
    const put = fake.requests.slice(before).find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/applications/${APP_ID}/commands`);
    expect((put?.body as CommandJson[])[0]?.name).toBe("wq");
  }, 30_000);

  it("the script names what is missing", async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: "tok3" };
    const failure = await runScript(env).catch((e: { stderr: string; code: number }) => e);
    expect("code" in failure && failure.code).toBe(1);
    expect("stderr" in failure && failure.stderr).toContain("DISCORD_APPLICATION_ID is missing");
  }, 30_000);
});
