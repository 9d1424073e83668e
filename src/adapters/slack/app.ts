/**
 * The Bolt app: receiver and authorization from the config, then wq's listeners (each in
 * listeners/, tested there). HTTP mode always gets wq's own receiver (slackHttpReceiver), so the
 * same one serves Bolt binding PORT and a server wq already runs; with OAuth its installer
 * authorizes each workspace. Socket Mode is one development workspace with a bot token.
 */
import { App, HTTPReceiver, LogLevel, type AppOptions, type BlockAction, type ButtonAction } from "@slack/bolt";
import type { Core } from "../../core/index.ts";
import type { Store } from "../../store/store.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
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
import { boltLogger, consoleLogger, type WqLogger } from "./logger.ts";
import { BOT_SCOPES, COMMAND } from "./scopes.ts";

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

function clientOptionsOf(config: SlackConfig, retries: number | undefined): NonNullable<AppOptions["clientOptions"]> {
  return { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), ...(retries !== undefined ? { retryConfig: { retries } } : {}) };
}

/**
 * The HTTP receiver: signature checks and /slack/events, and with OAuth /slack/install (straight to
 * Slack's consent page) and /slack/oauth_redirect, the installer calling the configured Web API.
 */
export function slackHttpReceiver({ store, config, logger = consoleLogger, retries, logLevel }: Pick<SlackAppOptions, "store" | "config" | "logger" | "retries" | "logLevel">): HTTPReceiver {
  if (config.mode.kind !== "http") throw new Error("slackHttpReceiver: Slack is configured for Socket Mode");
  const { auth } = config;
  const oauth =
    auth.kind === "oauth"
      ? {
          ...{ clientId: auth.clientId, clientSecret: auth.clientSecret, stateSecret: auth.stateSecret, scopes: [...BOT_SCOPES] },
          installationStore: storeInstallationStore(store, installationBox(config)),
          installerOptions: { directInstall: true, clientOptions: clientOptionsOf(config, retries) },
        }
      : {};
  return new HTTPReceiver({ signingSecret: config.mode.signingSecret, processBeforeResponse: false, logger: boltLogger(logger, logLevel), ...oauth });
}

export function createSlackApp(options: SlackAppOptions): App {
  const { core, store, config, logger = consoleLogger, retries, logLevel, guard, identity, rateLimiter } = options;
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
  if (config.auth.kind === "oauth") {
    const installations = storeInstallationStore(store, installationBox(config));
    app.event("app_uninstalled", appUninstalled(installations));
    app.event("tokens_revoked", appUninstalled(installations));
  }
  app.error(async (error) => logger.error("wq: Slack listener failed", error));
  return app;
}
