/**
 * A rejected token ends `npm start` with one line an operator can act on (the variable, what was
 * wrong, where to get a new one), exit 1 and no stack trace; not a crash after "listening".
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, FakeDiscord } from "../fakes/discord/fake-discord.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { runMain, type MainRun } from "../helpers/wq-main.ts";

type Run = MainRun;

/** Runs what `npm start` runs, with only these variables and a database of its own; resolves when it exits. */
function start(env: Record<string, string>): Promise<Run> {
  const db = join(mkdtempSync(join(tmpdir(), "wq-tokens-")), "wq.db");
  return runMain({ WQ_DB: db, WQ_INDEX_CACHE: "off", PORT: "0", ...env });
}

function expectOneLine(run: Run, variable: string, where: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.err.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(lines[0]).toMatch(where);
  expect(run.err).not.toMatch(/\n\s+at /);
  // The adapter never started (a health endpoint may well be listening).
  expect(run.out).not.toMatch(/Slack: (listening|serving)|Discord: connected|connected as/);
}

let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start({ token: "the-right-token" });
});
afterAll(async () => {
  await slack.close();
  await discord.close();
});

describe("start with a rejected token", () => {
  it("Slack: auth.test says invalid_auth -> one line naming SLACK_BOT_TOKEN and where to get one, exit 1", async () => {
    slack.fail("auth.test", { error: "invalid_auth" });
    const run = await start({ SLACK_BOT_TOKEN: "xoxb-revoked", SLACK_SIGNING_SECRET: "secret", SLACK_API_URL: slack.apiUrl });
    expectOneLine(run, "SLACK_BOT_TOKEN", /invalid_auth.*api\.slack\.com\/apps/);
    expect(slack.callsTo("auth.test").map((c) => c.token)).toEqual(["xoxb-revoked"]);
  }, 90_000);

  it("Slack Socket Mode: apps.connections.open says invalid_auth -> exit 1, ending on a line naming SLACK_APP_TOKEN", async () => {
    slack.reset();
    slack.fail("apps.connections.open", { error: "invalid_auth" });
    const run = await start({ SLACK_BOT_TOKEN: "xoxb-fine", SLACK_APP_TOKEN: "xapp-revoked", SLACK_API_URL: slack.apiUrl });
    expect(run.code).toBe(1);
    // Bolt logs the failed call first; wq's own line comes last.
    expect(run.err.trim().split("\n").at(-1)).toMatch(/^SLACK_APP_TOKEN .*invalid_auth.*App-Level Tokens/);
    expect(run.err).not.toMatch(/\n\s+at /);
  }, 90_000);

  it("Discord: the REST API answers 401 -> one line naming DISCORD_TOKEN and where to get one, exit 1", async () => {
    const run = await start({ DISCORD_TOKEN: "a-wrong-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl });
    expectOneLine(run, "DISCORD_TOKEN", /401.*Reset Token/);
    expect(discord.identifies).toEqual([]);
  }, 90_000);
});
