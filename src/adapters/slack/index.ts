/**
 * The Slack adapter's entry point: the Bolt app (wq's listeners are in listeners/) and its start,
 * with the poster that delivers channel alerts. HTTP mode always gets wq's own receiver, so the
 * same one serves Bolt binding PORT and a server wq already runs; with OAuth its installer
 * authorizes each workspace. Socket Mode is one development workspace with a bot token.
 */
import type { RequestListener } from "node:http";
import { App, HTTPReceiver, LogLevel, type AppOptions, type BlockAction, type ButtonAction, type InstallationStore } from "@slack/bolt";
import type { Core } from "../../core/index.ts";
import { ConfigError } from "../../env.ts";
import type { Store } from "../../store/store.ts";
import { createRateLimiter, type RateLimiter, type RateLimits } from "../shared/rate-limit.ts";
import { ACTION_ID_PATTERN } from "./action-value.ts";
import type { SlackConfig } from "./config.ts";
import { subscriptionGuard, workspaceAdmin, type Guard } from "./guards.ts";
import { installationBox, storeInstallationStore } from "./installation-store.ts";
import { appHomeOpened } from "./listeners/app-home-opened.ts";
import { appUninstalled } from "./listeners/app-uninstalled.ts";
import { buttonAction } from "./listeners/button.ts";
import { linkShared } from "./listeners/link-shared.ts";
import { rateLimitedAction, rateLimitedCommand } from "./listeners/rate-limited.ts";
import { slashCommand } from "./listeners/slash-command.ts";
import { boltLogger, type WqLogger } from "./logger.ts";
import { SlackPoster } from "./poster.ts";
import { BOT_SCOPES, COMMAND } from "./scopes.ts";
import { appTokenError, verifySlackToken } from "./verify-token.ts";

export { loadSlackConfig, slackConfigured, type SlackConfig } from "./config.ts";
export type { WqLogger } from "./logger.ts";
export { SlackPoster } from "./poster.ts";

export interface SlackAppOptions {
  core: Core;
  store: Store;
  config: SlackConfig;
  logger?: WqLogger;
  /** Web API retries. Slack's client retries for up to ~30 minutes by default; tests pass 0. */
  retries?: number;
  logLevel?: LogLevel;
  /** Who may manage subscriptions; admins and owners (or everyone, per the config) by default. */
  guard?: Guard;
  /** Per-user and per-workspace command rates; none when absent (tests of other things). */
  rateLimiter?: RateLimiter;
  /** The bot's ids from a token check already made (verifySlackToken): Bolt then skips its own auth.test. */
  identity?: { botId: string; botUserId: string };
  /** HTTP mode: the receiver from slackHttpReceiver, when the caller mounts it on its own server. */
  receiver?: HTTPReceiver;
}

const clientOptionsOf = (config: SlackConfig, retries?: number): NonNullable<AppOptions["clientOptions"]> => ({
  ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  ...(retries !== undefined ? { retryConfig: { retries } } : {}),
});

/** OAuth installs: each workspace's bot token, sealed in wq's store. */
const installationsOf = (store: Store, config: SlackConfig): InstallationStore => storeInstallationStore(store, installationBox(config));

/** Signature checks and /slack/events; with OAuth /slack/install (straight to Slack's consent page) and /slack/oauth_redirect. */
function slackHttpReceiver({ store, config, logger = console, retries, logLevel }: Pick<SlackAppOptions, "store" | "config" | "logger" | "retries" | "logLevel">): HTTPReceiver {
  if (config.mode.kind !== "http") throw new Error("slackHttpReceiver: Slack is configured for Socket Mode");
  const { auth } = config;
  const oauth =
    auth.kind === "oauth"
      ? {
          ...{ clientId: auth.clientId, clientSecret: auth.clientSecret, stateSecret: auth.stateSecret, scopes: [...BOT_SCOPES] },
          installationStore: installationsOf(store, config),
          installerOptions: { directInstall: true, clientOptions: clientOptionsOf(config, retries) },
        }
      : {};
  return new HTTPReceiver({ signingSecret: config.mode.signingSecret, processBeforeResponse: false, logger: boltLogger(logger, logLevel), ...oauth });
}

export function createSlackApp(options: SlackAppOptions): App {
  const { core, store, config, logger = console, retries, logLevel, guard, identity, rateLimiter } = options;
  // One admin check (and its cache) for both questions: may change, may see every channel's.
  const admin = workspaceAdmin({ onError: (error) => logger.warn("wq: users.info failed; treating the user as not an admin", error) });
  const manage = guard ?? subscriptionGuard(config.openSubscriptions ?? false, {}, admin);
  const seeWorkspace = guard ?? admin;
  const auth: AppOptions = config.auth.kind === "token" ? { token: config.auth.botToken, ...(identity ? { botId: identity.botId, botUserId: identity.botUserId } : {}) } : {};
  const mode: AppOptions =
    config.mode.kind === "socket" ? { socketMode: true, appToken: config.mode.appToken } : { receiver: options.receiver ?? slackHttpReceiver(options) };
  const app = new App({ ...auth, ...mode, clientOptions: clientOptionsOf(config, retries), logger: boltLogger(logger, logLevel) });

  const commandLimit = rateLimiter ? [rateLimitedCommand(rateLimiter)] : [];
  const actionLimit = rateLimiter ? [rateLimitedAction(rateLimiter)] : [];
  app.command(COMMAND, ...commandLimit, slashCommand(core, manage, seeWorkspace));
  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, ...actionLimit, buttonAction(core, manage, seeWorkspace));
  app.event("link_shared", linkShared(core));
  app.event("app_home_opened", appHomeOpened(core));
  if (config.auth.kind === "oauth") for (const event of ["app_uninstalled", "tokens_revoked"]) app.event(event, appUninstalled(installationsOf(store, config)));
  app.error(async (error) => logger.error("wq: Slack listener failed", error));
  return app;
}

export interface StartSlackOptions extends Pick<SlackAppOptions, "core" | "store" | "config" | "logger" | "retries"> {
  /** Interface to listen on in HTTP mode; all by default, tests use 127.0.0.1. */
  host?: string;
  /** Least time between two alert posts to one channel (default 1,100 ms); tests pass less. */
  postIntervalMs?: number;
  /** Commands a minute per user and per workspace (main passes them from the environment); no limit when absent. */
  rateLimits?: RateLimits;
  /** The clock of the rate limits; tests pass a fake one. */
  now?: () => Date;
  /** HTTP mode on a server already listening (src/runtime/http-server.ts): Slack's paths are mounted on it. */
  server?: { port: number; mount(listener: RequestListener): void };
}

export interface SlackHandle {
  /** The HTTP port listened on; 0 in Socket Mode (nothing listens). */
  port: number;
  poster: SlackPoster;
  stop(): Promise<void>;
}

export async function startSlack({ host, postIntervalMs, server, rateLimits, now, ...options }: StartSlackOptions): Promise<SlackHandle> {
  const { store, config, retries } = options;
  // Bot tokens are never stored in plain text by a running wq.
  if (config.auth.kind === "oauth" && !config.secretKey)
    throw new ConfigError("WQ_SECRET_KEY is missing: Slack OAuth installs need it to encrypt each workspace's bot token (generate one with openssl rand -base64 32).");
  // A bad token ends the start here, before Slack's paths are served (a ConfigError: one line).
  const identity = config.auth.kind === "token" ? await verifySlackToken(config.auth.botToken, config.apiUrl ? { apiUrl: config.apiUrl } : {}) : undefined;
  const receiver = config.mode.kind === "http" ? slackHttpReceiver(options) : undefined;
  const app = createSlackApp({
    ...options,
    ...(receiver ? { receiver } : {}),
    ...(identity ? { identity } : {}),
    ...(rateLimits ? { rateLimiter: createRateLimiter(rateLimits, () => (now ? now() : new Date()).getTime()) } : {}),
  });
  const poster = new SlackPoster({
    auth: config.auth,
    ...(config.auth.kind === "oauth" ? { installations: installationsOf(store, config) } : {}),
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(postIntervalMs !== undefined ? { minIntervalMs: postIntervalMs } : {}),
  });
  const stop = async (): Promise<void> => void (await app.stop());
  if (config.mode.kind === "socket") {
    // Slack refusing the app-level token is the operator's to fix: one line, like the bot token.
    await app.start().catch((error: unknown) => Promise.reject(appTokenError(error) ?? error));
    return { port: 0, poster, stop };
  }
  if (receiver && server) {
    server.mount(receiver.requestListener);
    // The server is wq's to close; Bolt's receiver never started, so there is nothing of Bolt's to stop.
    return { port: server.port, poster, stop: async () => {} };
  }
  const listening = await app.start(host ? { port: config.mode.port, host } : config.mode.port);
  const address = listening.address();
  return { port: typeof address === "object" && address ? address.port : config.mode.port, poster, stop };
}
