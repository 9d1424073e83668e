/**
 * Starts the Discord bot: one discord.js Client on the gateway, answering `/wq` interactions.
 * Commands are registered separately (scripts/discord-register.ts), not at every start.
 */
import { Client, Events, type RESTOptions } from "discord.js";
import type { Core } from "../../core/index.ts";
import type { Store } from "../../store/store.ts";
import type { DiscordConfig } from "./config.ts";
import { createRateLimiter, type RateLimits } from "../shared/rate-limit.ts";
import { startButtonStatePruning } from "./custom-id.ts";
import { ConfigError } from "../../env.ts";
import { loginError } from "./explain.ts";
import { interactionHandler } from "./interactions.ts";
import type { Logger } from "../../logger.ts";
import { DiscordPoster } from "./poster.ts";
import { NO_MENTIONS } from "./render.ts";

export { discordConfigured, loadDiscordConfig, type DiscordConfig } from "./config.ts";
export { DiscordPoster } from "./poster.ts";

const READY_TIMEOUT_MS = 30_000;

export interface StartDiscordOptions {
  core: Core;
  store: Store;
  config: DiscordConfig;
  logger?: Logger;
  /** REST tuning, for tests against a local fake (retries: 0, a short timeout). */
  rest?: Partial<Pick<RESTOptions, "retries" | "timeout">>;
  /** The clock for button-state expiry and rate limits; tests pass a fake one. */
  now?: () => Date;
  /** Commands a minute per user and per server (main passes them from the environment); no limit when absent. */
  rateLimits?: RateLimits;
}

export interface DiscordHandle {
  /** Posts channel alerts for the outbox (ChannelPoster), as the bot. */
  poster: DiscordPoster;
  stop(): Promise<void>;
}

export async function startDiscord({ core, store, config, logger = console, rest = {}, now, rateLimits }: StartDiscordOptions): Promise<DiscordHandle> {
  const client = new Client({
    // Interactions arrive without any intent; asking for none means no privileged intent to approve.
    intents: [],
    // The default for every message this client sends; renderers set it too.
    allowedMentions: NO_MENTIONS,
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...rest },
  });
  const limiter = rateLimits ? createRateLimiter(rateLimits, () => (now ? now() : new Date()).getTime()) : undefined;
  const handle = interactionHandler({ core, store, logger, limiter });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => logger.error("discord: client error", error));
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));

  // login() settles once the gateway session starts; "ready" follows. Never wait for it forever.
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(new ConfigError(`Discord did not become ready within ${READY_TIMEOUT_MS / 1000} s: check the network, DISCORD_API_URL and DISCORD_TOKEN`)), READY_TIMEOUT_MS);
  });
  try {
    // Both awaited together, so a timeout while login is still going is not an unhandled rejection.
    await Promise.all([client.login(config.token), ready]);
  } catch (error) {
    await client.destroy();
    // A rejected token is the operator's to fix: one line, no stack (main prints a ConfigError as is).
    throw loginError(error) ?? error;
  } finally {
    clearTimeout(timer);
  }
  logger.info(`discord: connected as ${client.user?.tag ?? "unknown"}`);
  const tokenApp = client.application?.id;
  // Commands registered under another application never reach this bot: say so now, not never.
  if (tokenApp && tokenApp !== config.applicationId)
    logger.warn(`discord: DISCORD_APPLICATION_ID is ${config.applicationId} but DISCORD_TOKEN belongs to application ${tokenApp}: set DISCORD_APPLICATION_ID=${tokenApp} and run npm run discord:register again.`);
  const pruning = startButtonStatePruning({ store, logger, now });
  return {
    poster: new DiscordPoster({ token: config.token, apiUrl: config.apiUrl, botUserId: () => client.user?.id, store, rest }),
    async stop() {
      // Let answers being written finish (REST timeouts bound the wait), then leave the gateway.
      pruning.stop();
      await Promise.allSettled([...inFlight, pruning.first]);
      await client.destroy();
    },
  };
}
