/**
 * The Slack adapter's entry point for src/main.ts: start the Bolt app as configured (HTTP on PORT
 * with /slack/events, or Socket Mode), and stop it.
 */
import type { Core } from "../../core/core.ts";
import type { Store } from "../../store/store.ts";
import { createSlackApp } from "./app.ts";
import type { SlackConfig } from "./config.ts";
import type { WqLogger } from "./logger.ts";

export { parseSlackConfig, slackConfigured, type SlackConfig } from "./config.ts";
export type { WqLogger } from "./logger.ts";

export interface StartSlackOptions {
  core: Core;
  store: Store;
  config: SlackConfig;
  logger?: WqLogger;
  /** Web API retries (default: Slack's, up to ~30 minutes); tests pass 0. */
  retries?: number;
  /** Interface to listen on in HTTP mode; all by default, tests use 127.0.0.1. */
  host?: string;
}

/** Starts Slack. `port` is the HTTP port listened on, 0 in Socket Mode (nothing listens). */
export async function startSlack({ core, store, config, logger, retries, host }: StartSlackOptions): Promise<{ port: number; stop(): Promise<void> }> {
  const app = createSlackApp({ core, store, config, ...(logger ? { logger } : {}), ...(retries !== undefined ? { retries } : {}) });
  if (config.mode.kind === "socket") {
    await app.start();
    return { port: 0, stop: async () => void (await app.stop()) };
  }
  const server = await app.start(host ? { port: config.mode.port, host } : config.mode.port);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.mode.port;
  return { port, stop: async () => void (await app.stop()) };
}
