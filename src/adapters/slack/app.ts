/**
 * The Bolt app: receiver and authorization from the config, then wq's listeners. No behaviour of
 * its own; each listener lives in listeners/ and is tested there.
 */
import { App, HTTPReceiver, LogLevel, type AppOptions, type BlockAction, type ButtonAction } from "@slack/bolt";
import type { Core } from "../../core/index.ts";
import type { Store } from "../../store/store.ts";
import { ACTION_ID_PATTERN } from "./action-value.ts";
import type { SlackConfig } from "./config.ts";
import { installationBox, storeInstallationStore } from "./installation-store.ts";
import { appHomeOpened } from "./listeners/app-home-opened.ts";
import { appUninstalled } from "./listeners/app-uninstalled.ts";
import { subscriptionGuard, workspaceAdmin, type Guard } from "./guards.ts";
import { buttonAction } from "./listeners/button.ts";
import { linkShared } from "./listeners/link-shared.ts";
import { rateLimitedAction, rateLimitedCommand } from "./listeners/rate-limited.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
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
  /**
   * HTTP mode on a server wq owns (src/runtime/http-server.ts): the receiver from
   * slackHttpReceiver, whose requestListener that server calls. Bolt then binds nothing itself.
   */
  receiver?: HTTPReceiver;
}

function clientOptionsOf(config: SlackConfig, retries: number | undefined): NonNullable<AppOptions["clientOptions"]> {
  const clientOptions: NonNullable<AppOptions["clientOptions"]> = {};
  if (config.apiUrl) clientOptions.slackApiUrl = config.apiUrl;
  if (retries !== undefined) clientOptions.retryConfig = { retries };
  return clientOptions;
}

/**
 * The receiver Bolt would make for HTTP mode (signature checks, /slack/events, and for OAuth
 * /slack/install and /slack/oauth_redirect), made here so its request listener can be mounted on
 * a server that was listening before Slack was started.
 */
export function slackHttpReceiver({ store, config, logger = consoleLogger, retries, logLevel }: Pick<SlackAppOptions, "store" | "config" | "logger" | "retries" | "logLevel">): HTTPReceiver {
  if (config.mode.kind !== "http") throw new Error("slackHttpReceiver: Slack is configured for Socket Mode");
  const oauth =
    config.auth.kind === "oauth"
      ? {
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          stateSecret: config.auth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: storeInstallationStore(store, installationBox(config)),
          // What App passes its own receiver: the installer's oauth.v2.access goes where the Web API does.
          installerOptions: { directInstall: true, clientOptions: clientOptionsOf(config, retries) },
        }
      : {};
  return new HTTPReceiver({ signingSecret: config.mode.signingSecret, processBeforeResponse: false, logger: boltLogger(logger, logLevel), ...oauth });
}

export function createSlackApp({ core, store, config, logger = consoleLogger, retries, logLevel, guard, receiver, identity, rateLimiter }: SlackAppOptions): App {
  // One admin check (and its cache) for both questions: may change, may see every channel's.
  const admin = workspaceAdmin({ onError: (error) => logger.warn("wq: users.info failed; treating the user as not an admin", error) });
  const mayManage = guard ?? subscriptionGuard(config.openSubscriptions ?? false, {}, admin);
  const seesWorkspace = guard ?? admin;
  const clientOptions = clientOptionsOf(config, retries);

  const installationStore = config.auth.kind === "oauth" ? storeInstallationStore(store, installationBox(config)) : undefined;
  const auth: AppOptions =
    config.auth.kind === "token"
      ? { token: config.auth.botToken, ...(identity ? { botId: identity.botId, botUserId: identity.botUserId } : {}) }
      : {
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          stateSecret: config.auth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore,
          // /slack/install goes straight to Slack's consent page.
          installerOptions: { directInstall: true },
        };
  const mode: AppOptions = receiver
    ? { receiver }
    : config.mode.kind === "http"
      ? { signingSecret: config.mode.signingSecret, processBeforeResponse: false }
      : { socketMode: true, appToken: config.mode.appToken };

  const app = new App({ ...auth, ...mode, clientOptions, logger: boltLogger(logger, logLevel) });

  if (rateLimiter) {
    app.command(COMMAND, rateLimitedCommand(rateLimiter), slashCommand(core, mayManage, seesWorkspace));
    app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, rateLimitedAction(rateLimiter), buttonAction(core, mayManage, seesWorkspace));
  } else {
    app.command(COMMAND, slashCommand(core, mayManage, seesWorkspace));
    app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, buttonAction(core, mayManage, seesWorkspace));
  }
  app.event("link_shared", linkShared(core));
  app.event("app_home_opened", appHomeOpened(core));
  if (installationStore) {
    app.event("app_uninstalled", appUninstalled(installationStore));
    app.event("tokens_revoked", appUninstalled(installationStore));
  }
  app.error(async (error) => {
    logger.error("wq: Slack listener failed", error);
  });
  return app;
}
