/** Slack settings from the environment: each mode, and a message naming every bad variable. */
import { describe, expect, test } from "vitest";
import { loadSlackConfig, slackConfigured } from "../../src/adapters/slack/config.ts";

const TOKEN = { SLACK_BOT_TOKEN: "xoxb-1-2-3", SLACK_SIGNING_SECRET: "secret" };
const OAUTH = {
  SLACK_CLIENT_ID: "123.456",
  SLACK_CLIENT_SECRET: "cs",
  SLACK_STATE_SECRET: "a-long-random-state-secret",
  SLACK_SIGNING_SECRET: "secret",
  WQ_SECRET_KEY: "k".repeat(32),
};

function problems(env: Record<string, string | undefined>): string {
  try {
    loadSlackConfig(env);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected the config to be refused");
}

describe("slackConfigured", () => {
  test("true as soon as any Slack credential is set, false otherwise", () => {
    expect(slackConfigured({})).toBe(false);
    expect(slackConfigured({ PORT: "3000", SLACK_BOT_TOKEN: " " })).toBe(false);
    expect(slackConfigured({ SLACK_BOT_TOKEN: "xoxb-1" })).toBe(true);
    expect(slackConfigured({ SLACK_CLIENT_ID: "1" })).toBe(true);
    expect(slackConfigured({ SLACK_APP_TOKEN: "xapp-1" })).toBe(true);
  });
});

describe("loadSlackConfig", () => {
  test("one workspace over HTTP, PORT defaulting to 3000", () => {
    expect(loadSlackConfig(TOKEN)).toEqual({
      auth: { kind: "token", botToken: "xoxb-1-2-3" },
      mode: { kind: "http", signingSecret: "secret", port: 3000 },
      openSubscriptions: false,
    });
    expect(loadSlackConfig({ ...TOKEN, PORT: "8080", SLACK_API_URL: "http://127.0.0.1:9/api/" })).toMatchObject({ mode: { port: 8080 }, apiUrl: "http://127.0.0.1:9/api/" });
  });

  test("Socket Mode when SLACK_APP_TOKEN is set (no signing secret needed)", () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).mode).toEqual({ kind: "socket", appToken: "xapp-1" });
  });

  test("OAuth installs when the client id, secret and state secret are set", () => {
    expect(loadSlackConfig(OAUTH).auth).toEqual({ kind: "oauth", clientId: "123.456", clientSecret: "cs", stateSecret: "a-long-random-state-secret" });
  });

  test("WQ_SLACK_OPEN_SUBSCRIPTIONS opens subscriptions to everyone; anything but true/false is refused", () => {
    expect(loadSlackConfig({ ...TOKEN, WQ_SLACK_OPEN_SUBSCRIPTIONS: "true" }).openSubscriptions).toBe(true);
    expect(loadSlackConfig({ ...TOKEN, WQ_SLACK_OPEN_SUBSCRIPTIONS: " TRUE " }).openSubscriptions).toBe(true);
    expect(loadSlackConfig({ ...TOKEN, WQ_SLACK_OPEN_SUBSCRIPTIONS: "false" }).openSubscriptions).toBe(false);
    expect(loadSlackConfig({ ...TOKEN, WQ_SLACK_OPEN_SUBSCRIPTIONS: "" }).openSubscriptions).toBe(false);
    expect(problems({ ...TOKEN, WQ_SLACK_OPEN_SUBSCRIPTIONS: "admins" })).toContain("WQ_SLACK_OPEN_SUBSCRIPTIONS: must be true or false");
  });

  test("empty strings count as unset", () => {
    expect(loadSlackConfig({ ...TOKEN, SLACK_APP_TOKEN: "", SLACK_API_URL: "", PORT: "" }).mode).toMatchObject({ kind: "http", port: 3000 });
  });

  test("names each missing variable and says where to find it", () => {
    const message = problems({ SLACK_CLIENT_ID: "1" });
    expect(message).toContain("SLACK_CLIENT_SECRET: missing");
    expect(message).toContain("SLACK_STATE_SECRET: missing");
    expect(message).toContain("SLACK_SIGNING_SECRET: missing");
    expect(problems({ SLACK_SIGNING_SECRET: "s" })).toContain("SLACK_BOT_TOKEN: missing");
  });

  test("names each invalid variable", () => {
    const message = problems({ SLACK_BOT_TOKEN: "xoxp-user", SLACK_SIGNING_SECRET: "s", SLACK_APP_TOKEN: "xoxb-wrong", PORT: "eighty", SLACK_API_URL: "not a url" });
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "PORT", "SLACK_API_URL"]) expect(message).toContain(`${name}:`);
    expect(problems({ ...TOKEN, PORT: "70000" })).toContain("PORT:");
    expect(problems({ ...OAUTH, SLACK_STATE_SECRET: "short" })).toContain("SLACK_STATE_SECRET: must be at least 16");
  });

  test("refuses a bot token or app token alongside OAuth", () => {
    const message = problems({ ...OAUTH, SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(message).toContain("SLACK_BOT_TOKEN: leave unset with OAuth");
    expect(message).toContain("SLACK_APP_TOKEN: leave unset with OAuth");
  });
});
