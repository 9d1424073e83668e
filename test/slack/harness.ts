/** Starts the real Slack adapter (HTTP mode, loopback, free port) against FakeSlack and a core. */
import type { Core } from "../../src/core/core.ts";
import type { SlackConfig } from "../../src/adapters/slack/config.ts";
import { startSlack, type SlackPoster } from "../../src/adapters/slack/index.ts";
import type { WqLogger } from "../../src/adapters/slack/logger.ts";
import type { Store } from "../../src/store/store.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";

export const SECRET = "test-signing-secret";
export const BOT_TOKEN = "xoxb-test-token";

/** Keeps test output clean; SLACK_TEST_LOG=1 prints the errors when a test needs explaining. */
export const quietLogger: WqLogger & { errors: unknown[][] } = {
  errors: [],
  info: () => {},
  warn: () => {},
  error: (...args: unknown[]) => void (quietLogger.errors.push(args), process.env.SLACK_TEST_LOG && console.error(...args)),
};

export interface Running {
  fake: FakeSlack;
  url: string;
  poster: SlackPoster;
  stop(): Promise<void>;
}

export function tokenConfig(fake: FakeSlack): SlackConfig {
  return { auth: { kind: "token", botToken: BOT_TOKEN }, mode: { kind: "http", signingSecret: SECRET, port: 0 }, apiUrl: fake.apiUrl };
}

export async function runSlack(core: Core, store: Store, fake: FakeSlack, config: SlackConfig = tokenConfig(fake)): Promise<Running> {
  const slack = await startSlack({ core, store, config, logger: quietLogger, retries: 0, host: "127.0.0.1", postIntervalMs: 50 });
  return { fake, url: `http://127.0.0.1:${slack.port}/slack/events`, poster: slack.poster, stop: slack.stop };
}
