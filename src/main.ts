import "dotenv/config";
import { runConsole } from "./adapters/console/console.ts";
import { discordConfigured, parseDiscordConfig, startDiscord } from "./adapters/discord/index.ts";
import { parseSlackConfig, slackConfigured, startSlack } from "./adapters/slack/index.ts";
import { ConfigError, loadCoreConfig } from "./config.ts";
import { openCore } from "./core/open-core.ts";
import { importPaths } from "./core/readers/import.ts";
import type { Logger } from "./logger.ts";
import { loadSyncEnv, syncOptionsFromEnv } from "./sources/config.ts";
import { startSyncSchedule } from "./sources/schedule.ts";
import { runSync } from "./sources/sync.ts";
import { SqliteStore } from "./store/sqlite-store.ts";

const logger: Logger = console;

/**
 * Starts wq: the store, the core over it, then every configured chat platform in this one
 * process; the terminal console when none is configured.
 */
async function main(): Promise<void> {
  const env = process.env;
  const config = loadCoreConfig(env);
  // Parse every platform's settings before starting any, so one run reports every mistake.
  const slackConfig = slackConfigured(env) ? parseSlackConfig(env) : null;
  const discordConfig = discordConfigured(env) ? parseDiscordConfig(env) : null;
  const syncEnv = loadSyncEnv(env);

  const store = new SqliteStore(config.WQ_DB);
  // The seed pages ship with wq; importing them again changes nothing.
  const seeded = await importPaths([config.WQ_SEEDS], store);
  for (const m of seeded.messages) logger.warn(m);
  const { core, index } = await openCore({ store, onError: (e) => logger.error("command failed", e) });

  const stops: Array<() => Promise<void>> = [];
  if (slackConfig) {
    const slack = await startSlack({ core, store, config: slackConfig, logger });
    logger.info(slack.port ? `Slack: listening on port ${slack.port} (/slack/events)` : "Slack: connected in Socket Mode");
    stops.push(slack.stop);
  }
  if (discordConfig) {
    const discord = await startDiscord({ core, store, config: discordConfig, logger });
    logger.info("Discord: connected");
    stops.push(discord.stop);
  }

  // The bot keeps itself current; the console syncs only when asked to, so that no log lines
  // land in the middle of what someone is typing.
  const console = stops.length === 0;
  if (!console || env["WQ_SYNC_INTERVAL"]) {
    const schedule = startSyncSchedule({
      intervalSeconds: syncEnv.WQ_SYNC_INTERVAL,
      logger,
      runOnce: (signal) =>
        runSync({ store, ...syncOptionsFromEnv(syncEnv), signal, logger, onChanged: (questions) => index.upsert(questions) }),
    });
    stops.push(() => schedule.stop());
  }

  if (console) {
    await runConsole(core, process.stdin, process.stdout);
    await Promise.allSettled(stops.map((stop) => stop()));
    await store.close();
    return;
  }
  const shutdown = async (signal: string): Promise<void> => {
    logger.info(`${signal}: stopping`);
    await Promise.allSettled(stops.map((stop) => stop()));
    await store.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e: unknown) => {
  const known = e instanceof ConfigError;
  logger.error(known ? e.message : "wq could not start", ...(known ? [] : [e]));
  process.exitCode = 1;
});
