/**
 * The Slack adapter's entry point for src/main.ts: start the Bolt app as configured (HTTP on PORT
 * with /slack/events, or Socket Mode), and stop it.
 */
import type { RequestListener } from "node:http";
import type { Core } from "../../core/index.ts";
import type { Store } from "../../store/store.ts";
import { createSlackApp, slackHttpReceiver } from "./app.ts";
import type { SlackConfig } from "./config.ts";
import { ConfigError } from "../../env.ts";
import { createRateLimiter, type RateLimits } from "../shared/rate-limit.ts";
import { installationBox, storeInstallationStore } from "./installation-store.ts";
import type { WqLogger } from "./logger.ts";
import { SlackPoster } from "./poster.ts";
import { appTokenError, verifySlackToken } from "./verify-token.ts";

export { parseSlackConfig, slackConfigured, type SlackConfig } from "./config.ts";
export type { WqLogger } from "./logger.ts";
export { SlackPoster } from "./poster.ts";

export interface StartSlackOptions {
  core: Core;
  store: Store;
  config: SlackConfig;
  logger?: WqLogger;
  /** Web API retries (default: Slack's, up to ~30 minutes); tests pass 0. */
  retries?: number;
  /** Interface to listen on in HTTP mode; all by default, tests use 127.0.0.1. */
  host?: string;
  /** Least time between two alert posts to one channel (default 1,100 ms); tests pass less. */
  postIntervalMs?: number;
  /** Commands a minute per user and per workspace (main passes them from the environment); no limit when absent. */
  rateLimits?: RateLimits;
  /** The clock of the rate limits; tests pass a fake one. */
  now?: () => Date;
  /**
   * HTTP mode on a server already listening (src/runtime/http-server.ts): Slack's paths are mounted
   * on it instead of Bolt binding PORT itself. Ignored in Socket Mode.
   */
  server?: { port: number; mount(listener: RequestListener): void };
}

export interface SlackHandle {
  /** The HTTP port listened on; 0 in Socket Mode (nothing listens). */
  port: number;
  /** Posts channel alerts for the outbox (ChannelPoster), with the same auth as the app. */
  poster: SlackPoster;
  stop(): Promise<void>;
}

/** Starts Slack: the Bolt app, and the poster that delivers channel alerts. */
export async function startSlack({ core, store, config, logger, retries, host, postIntervalMs, server, rateLimits, now }: StartSlackOptions): Promise<SlackHandle> {
  // Bot tokens are never stored in plain text by a running wq.
  if (config.auth.kind === "oauth" && !config.secretKey)
    throw new ConfigError("WQ_SECRET_KEY is missing: Slack OAuth installs need it to encrypt each workspace's bot token (generate one with openssl rand -base64 32).");
  // A bad token ends the start here, before Slack's paths are served (a ConfigError: one line).
  const identity = config.auth.kind === "token" ? await verifySlackToken(config.auth.botToken, config.apiUrl ? { apiUrl: config.apiUrl } : {}) : undefined;
  const options = { core, store, config, ...(logger ? { logger } : {}), ...(retries !== undefined ? { retries } : {}) };
  const receiver = server && config.mode.kind === "http" ? slackHttpReceiver(options) : undefined;
  const app = createSlackApp({
    ...options,
    ...(receiver ? { receiver } : {}),
    ...(identity ? { identity } : {}),
    ...(rateLimits ? { rateLimiter: createRateLimiter(rateLimits, () => (now ? now() : new Date()).getTime()) } : {}),
  });
  const poster = new SlackPoster({
    auth: config.auth,
    ...(config.auth.kind === "oauth" ? { installations: storeInstallationStore(store, installationBox(config)) } : {}),
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(postIntervalMs !== undefined ? { minIntervalMs: postIntervalMs } : {}),
  });
  if (config.mode.kind === "socket") {
    try {
      await app.start();
    } catch (error) {
      // Slack refusing the app-level token is the operator's to fix: one line, like the bot token.
      throw appTokenError(error) ?? error;
    }
    return { port: 0, poster, stop: async () => void (await app.stop()) };
  }
  if (receiver && server) {
    server.mount(receiver.requestListener);
    // The server is wq's to close; Bolt's receiver never started, so there is nothing of Bolt's to stop.
    return { port: server.port, poster, stop: async () => {} };
  }
  const listening = await app.start(host ? { port: config.mode.port, host } : config.mode.port);
  const address = listening.address();
  const port = typeof address === "object" && address ? address.port : config.mode.port;
  return { port, poster, stop: async () => void (await app.stop()) };
}
