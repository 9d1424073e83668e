import "dotenv/config";
import { runConsole } from "./adapters/console/console.ts";
import { discordConfigured, parseDiscordConfig, startDiscord } from "./adapters/discord/index.ts";
import { parseSlackConfig, slackConfigured, startSlack } from "./adapters/slack/index.ts";
import { parseRateLimits } from "./adapters/shared/rate-limit.ts";
import { ConfigError, indexCachePath, loadCoreConfig } from "./config.ts";
import { createAlerts } from "./core/alerts/alerts.ts";
import type { ChannelPoster } from "./core/alerts/model.ts";
import { openCore } from "./core/open-core.ts";
import { importPaths } from "./core/readers/import.ts";
import { startIndexRefresh } from "./core/search/index-refresh.ts";
import type { Logger } from "./logger.ts";
import { loadSyncEnv, syncOptionsFromEnv } from "./sources/config.ts";
import { startSyncSchedule, type SyncSchedule } from "./sources/schedule.ts";
import { runSync } from "./sources/sync.ts";
import { runAsLeader } from "./store/leader.ts";
import { openStores } from "./store/open-store.ts";

const logger: Logger = console;

/** How often a process looks for questions other processes wrote (a PostgreSQL leader's syncs, `wq import`). */
const INDEX_REFRESH_MS = 30_000;

/**
 * Starts wq: the store, the core over it, then every configured chat platform in this one
 * process; the terminal console when none is configured. Of several processes sharing one
 * PostgreSQL, only the leader syncs and delivers alerts; all of them answer commands.
 */
async function main(): Promise<void> {
  const env = process.env;
  // Parse every setting before starting anything, so one run reports every mistake.
  const mistakes: string[] = [];
  const parse = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      mistakes.push(e.message);
      return null;
    }
  };
  const config = parse(() => loadCoreConfig(env));
  const slackConfig = slackConfigured(env) ? parse(() => parseSlackConfig(env)) : null;
  const discordConfig = discordConfigured(env) ? parse(() => parseDiscordConfig(env)) : null;
  const syncEnv = parse(() => loadSyncEnv(env));
  const rateLimits = parse(() => parseRateLimits(env));
  if (!config || !syncEnv || !rateLimits || mistakes.length) throw new ConfigError(mistakes.join("\n"));

  const stores = await openStores(env, undefined, logger);
  const { store } = stores;
  // The seed pages ship with wq; importing them again changes nothing.
  const seeded = await importPaths([config.WQ_SEEDS], store);
  for (const m of seeded.messages) logger.warn(m);
  const { core, index, indexRevision } = await openCore({
    store,
    alertStore: stores.alerts,
    indexCache: indexCachePath(config),
    logger,
    onError: (e) => logger.error("command failed", e),
  });
  const refresh = startIndexRefresh({ store, index, fromRevision: indexRevision, intervalMs: INDEX_REFRESH_MS, logger });

  const stops: Array<() => Promise<void>> = [];
  const posters: ChannelPoster[] = [];
  if (slackConfig) {
    const slack = await startSlack({ core, store, config: slackConfig, logger, rateLimits });
    logger.info(slack.port ? `Slack: listening on port ${slack.port} (/slack/events)` : "Slack: connected in Socket Mode");
    posters.push(slack.poster);
    stops.push(slack.stop);
  }
  if (discordConfig) {
    const discord = await startDiscord({ core, store, config: discordConfig, logger, rateLimits });
    logger.info("Discord: connected");
    posters.push(discord.poster);
    stops.push(discord.stop);
  }
  const consoleMode = posters.length === 0;

  // The bot keeps itself current; the console syncs only when asked to, so that no log lines
  // land in the middle of what someone is typing.
  const syncing = !consoleMode || Boolean(env["WQ_SYNC_INTERVAL"]);
  const alerts = createAlerts({ store, alertStore: stores.alerts, posters, logger });
  let schedule: SyncSchedule | null = null;
  const leading = syncing && runAsLeader({
    lock: stores.leader,
    logger,
    onGain: async () => {
      // Catch-up first: a sync step that lands before it would be taken for old news.
      if (!consoleMode) await alerts.start();
      schedule = startSyncSchedule({
        intervalSeconds: syncEnv.WQ_SYNC_INTERVAL,
        logger,
        runOnce: (signal) =>
          runSync({
            store,
            ...syncOptionsFromEnv(syncEnv),
            signal,
            logger,
            onChanged: async (questions) => {
              // Through the refresh, so its next look does not index the same questions again.
              await refresh.refresh();
              if (!consoleMode) await alerts.onSyncChanged(questions);
            },
          }),
      });
    },
    onLose: async () => {
      await schedule?.stop();
      schedule = null;
      await alerts.stop();
    },
  });
  if (leading) stops.push(() => leading.stop());

  const shutdown = async (): Promise<void> => {
    refresh.stop();
    await Promise.allSettled(stops.map((stop) => stop()));
    await stores.close();
  };
  if (consoleMode) {
    await runConsole(core, process.stdin, process.stdout);
    await shutdown();
    return;
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: stopping`);
      void shutdown().then(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  const known = e instanceof ConfigError;
  logger.error(known ? e.message : "wq could not start", ...(known ? [] : [e]));
  // What had started (a listening port, timers) must not keep a failed start alive.
  process.exit(1);
});
