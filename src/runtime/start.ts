/**
 * Starts wq as configured: the terminal console when no chat platform is, else a bot process
 * that binds PORT first (/healthz), opens the store, starts Slack and Discord over a core that
 * answers "warming up" until the search index is ready, then hands them the real core and starts
 * syncing. Of several processes sharing one PostgreSQL, only the leader syncs and delivers alerts.
 */
import type { Readable, Writable } from "node:stream";
import type { RESTOptions } from "discord.js";
import type { Config } from "../config.ts";
import { indexCachePath } from "../core/config.ts";
import type { ChannelPoster } from "../model/alerts.ts";
import type { OpenCoreOptions, OpenedCore, SearchEngine } from "../core/index.ts";
import { warmingCore } from "../core/warming-core.ts";
import type { Logger } from "../logger.ts";
import type { SyncSchedule } from "../sources/schedule.ts";
import type { OpenedStores } from "../store/open-store.ts";
import { healthReport } from "./health.ts";
import { startHttpServer, type HttpServer } from "./http-server.ts";

/**
 * What runs after PORT is bound, loaded then rather than up front: the search index, the readers,
 * sync and alerts take most of start-up's module loading, and a host is waiting for the port.
 */
const later = {
  openCore: () => import("../core/open-core.ts"),
  importPaths: () => import("../sources/readers/import.ts"),
  indexRefresh: () => import("../core/search/index-refresh.ts"),
  store: () => import("../store/open-store.ts"),
  console: () => import("../adapters/console/console.ts"),
  syncing: async () => {
    const [alerts, schedule, sync, leader] = await Promise.all([
      import("../core/alerts/alerts.ts"),
      import("../sources/schedule.ts"),
      import("../sources/sync.ts"),
      import("../store/leader.ts"),
    ]);
    return { ...alerts, ...schedule, ...sync, ...leader };
  },
};

/** How often a process looks for questions other processes wrote (a PostgreSQL leader's syncs, `wq import`). */
const INDEX_REFRESH_MS = 30_000;

export interface StartOptions {
  /** Every layer's settings, parsed once (src/config.ts loadConfig). */
  config: Config;
  logger: Logger;
  /** Interface PORT is bound on; all by default, tests pass 127.0.0.1. */
  host?: string;
  /** Opens the core and its index; tests gate it to see the process before the index is ready. */
  openCore?: (options: OpenCoreOptions) => Promise<OpenedCore>;
  /** The console's terminal; process.stdin/stdout in main. */
  terminal?: { input: Readable; output: Writable & { isTTY?: boolean; columns?: number } };
  /** Network tuning for tests against the fakes (no retries, short timeouts). */
  slackRetries?: number;
  discordRest?: Partial<Pick<RESTOptions, "retries" | "timeout">>;
}

export interface Running {
  mode: "console" | "bot";
  /** The port /healthz answers on; null in the console (or when it could not be bound). */
  port: number | null;
  /** Settles once the real core has been handed to the adapters. */
  ready: Promise<void>;
  /** The console: settles when the person quits. A bot: when stop() is done, or it stopped itself (its search index lost). */
  finished: Promise<void>;
  stop(): Promise<void>;
}

export async function startWq(options: StartOptions): Promise<Running> {
  const { config, logger } = options;
  const consoleMode = !config.slack && !config.discord;
  const slackHttp = config.slack?.mode.kind === "http";
  const warm = warmingCore();
  let stores: OpenedStores | null = null;

  // Bound before anything slow, so a host sees the process up within seconds, whatever the index.
  let server: HttpServer | null = null;
  if (!consoleMode) {
    // Slack over HTTP listens where Slack was told to; its PORT (SlackConfig) is the same variable.
    const port = config.slack?.mode.kind === "http" ? config.slack.mode.port : config.runtime.port;
    try {
      server = await startHttpServer({
        port,
        ...(options.host ? { host: options.host } : {}),
        logger,
        expectMount: slackHttp,
        health: () => healthReport(stores?.store ?? null, warm.isReady),
      });
      logger.info(`listening on port ${server.port} (/healthz${slackHttp ? ", /slack/events" : ""})`);
    } catch (error) {
      // Slack cannot be reached without it; a Socket Mode or Discord bot still works, unwatched.
      if (slackHttp) throw error;
      logger.warn(`could not bind port ${port} for /healthz; carrying on without it`, error);
    }
  }

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | null = null;
  let markStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  // Once only, however many ways it is asked for (a signal, the console closing, a failed index).
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      try {
        await Promise.allSettled([...stops].reverse().map((stop) => stop()));
        await stores?.close();
      } finally {
        await server?.close();
        markStopped();
      }
    })());

  try {
    const { openStores } = await later.store();
    stores = await openStores(config.store, undefined, logger);
    const opened = stores;
    const { store } = opened;
    // The seed pages ship with wq; importing them again changes nothing.
    const { importPaths } = await later.importPaths();
    const seeded = await importPaths([config.sources.seeds], store);
    for (const m of seeded.messages) logger.warn(m);

    const opening = (options.openCore ?? (await later.openCore()).openCore)({
      store,
      alertStore: opened.alerts,
      indexCache: indexCachePath(config.core, config.store),
      indexThreads: config.core.indexThreads,
      logger,
      onError: (e) => logger.error("command failed", e),
      // Every later search would fail: stop (the port closes, /healthz with it), so the host starts wq again.
      onIndexLost: (e) => {
        logger.error("the search index was lost; stopping so that wq can be started again", e);
        void shutdown();
      },
    });
    // Awaited below; until then its failure must not count as unhandled.
    opening.catch(() => {});

    const posters: ChannelPoster[] = [];
    if (config.slack) {
      // Loaded only when configured: a Discord-only or console process does not carry Bolt.
      const { startSlack } = await import("../adapters/slack/index.ts");
      const slack = await startSlack({
        core: warm.core,
        store,
        config: config.slack,
        logger,
        rateLimits: config.shared.rateLimits,
        ...(server ? { server } : {}),
        ...(options.slackRetries !== undefined ? { retries: options.slackRetries } : {}),
      });
      logger.info(slack.port ? `Slack: serving /slack/events on port ${slack.port}` : "Slack: connected in Socket Mode");
      posters.push(slack.poster);
      stops.push(slack.stop);
    }
    if (config.discord) {
      const { startDiscord } = await import("../adapters/discord/index.ts");
      const discord = await startDiscord({ core: warm.core, store, config: config.discord, logger, rateLimits: config.shared.rateLimits, ...(options.discordRest ? { rest: options.discordRest } : {}) });
      logger.info("Discord: connected");
      posters.push(discord.poster);
      stops.push(discord.stop);
    }

    const handOver = async (): Promise<OpenedCore> => {
      const core = await opening;
      // Stopped while the index was opening: start nothing that the shutdown would miss.
      if (stopping) {
        await core.close();
        return core;
      }
      // First in, so last out: the search worker outlives the refresh and the syncs that use it.
      stops.push(() => core.close());
      warm.ready(core.core);
      logger.info(`ready: ${(await store.countQuestions()).toLocaleString("en-GB")} questions searchable`);
      const { startIndexRefresh } = await later.indexRefresh();
      const refresh = startIndexRefresh({ store, index: core.index, fromRevision: core.indexRevision, intervalMs: INDEX_REFRESH_MS, logger });
      stops.push(async () => refresh.stop());
      await startSyncing({ config, stores: opened, posters, consoleMode, refresh: () => refresh.refresh(), index: core.index, logger, stops });
      return core;
    };

    if (consoleMode) {
      const core = await handOver();
      const terminal = options.terminal ?? { input: process.stdin, output: process.stdout };
      const { runConsole } = await later.console();
      const finished = runConsole(core.core, terminal.input, terminal.output).finally(shutdown);
      return { mode: "console", port: null, ready: Promise.resolve(), finished, stop: shutdown };
    }

    const stop = shutdown;
    const ready = handOver().then(
      () => undefined,
      async (error: unknown) => {
        // Without an index the bot could only ever say "warming up": stop, so the host restarts it.
        await stop();
        throw error;
      },
    );
    return { mode: "bot", port: server?.port ?? null, ready, finished: stopped, stop };
  } catch (error) {
    await shutdown().catch(() => {});
    throw error;
  }
}

interface SyncingOptions {
  config: Config;
  stores: OpenedStores;
  posters: ChannelPoster[];
  consoleMode: boolean;
  refresh: () => Promise<number>;
  /** For the overdue report of lateness digests. */
  index: Pick<SearchEngine, "overdue">;
  logger: Logger;
  stops: Array<() => Promise<void>>;
}

/**
 * The bot keeps itself current; the console syncs only when asked to (WQ_SYNC_INTERVAL set), so
 * that no log lines land in the middle of what someone is typing.
 */
async function startSyncing({ config, stores, posters, consoleMode, refresh, index, logger, stops }: SyncingOptions): Promise<void> {
  const syncing = !consoleMode || config.sources.schedule.explicit;
  if (!syncing) return;
  const { createAlerts, runAsLeader, startSyncSchedule, runSync } = await later.syncing();
  const { store } = stores;
  const alerts = createAlerts({ store, alertStore: stores.alerts, posters, logger, index });
  let schedule: SyncSchedule | null = null;
  const leading = runAsLeader({
    lock: stores.leader,
    logger,
    onGain: async () => {
      // Catch-up first: a sync step that lands before it would be taken for old news.
      if (!consoleMode) await alerts.start();
      schedule = startSyncSchedule({
        intervalSeconds: config.sources.schedule.intervalSeconds,
        logger,
        runOnce: (signal) =>
          runSync({
            store,
            ...config.sources.sync,
            signal,
            logger,
            onChanged: async (questions) => {
              // Through the refresh, so its next look does not index the same questions again.
              await refresh();
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
  stops.push(() => leading.stop());
}
