/**
 * The bot's scheduled sync: one run at start, then one every `intervalSeconds` counted from the end
 * of the previous, so two never overlap. stop() ends the wait, asks a running sync to stop (through
 * its AbortSignal) and resolves once it has.
 */
import type { SyncLogger } from "./api-client.ts";

export interface SyncScheduleOptions {
  /** Seconds between runs; 0 (or less) turns the schedule off. */
  intervalSeconds: number;
  /** One sync; it should stop early when the signal aborts. Its errors are logged, not thrown. */
  runOnce: (signal: AbortSignal) => Promise<unknown>;
  logger: SyncLogger;
  /** Run once straight away (default) or wait an interval first. */
  runAtStart?: boolean;
}

export interface SyncSchedule {
  /** False when the interval is 0. */
  readonly enabled: boolean;
  isRunning(): boolean;
  /** Starts a sync now unless one is running; resolves when it ends. False if one was running. */
  runNow(): Promise<boolean>;
  stop(): Promise<void>;
}

export function startSyncSchedule(options: SyncScheduleOptions): SyncSchedule {
  const { intervalSeconds, runOnce, logger } = options;
  if (!(intervalSeconds > 0)) {
    logger.info("scheduled sync is off (WQ_SYNC_INTERVAL=0)");
    return { enabled: false, isRunning: () => false, runNow: async () => false, stop: async () => {} };
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, ms);
  };

  const start = (): Promise<void> => {
    if (running) return running;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    running = (async () => {
      try {
        await runOnce(controller.signal);
      } catch (error) {
        if (!stopped) logger.error(`scheduled sync failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = null;
        schedule(intervalSeconds * 1000);
      }
    })();
    return running;
  };

  logger.info(`sync every ${intervalSeconds} s`);
  if (options.runAtStart ?? true) void start();
  else schedule(intervalSeconds * 1000);

  return {
    enabled: true,
    isRunning: () => running !== null,
    async runNow() {
      if (running || stopped) return false;
      await start();
      return true;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      controller.abort(new Error("wq is shutting down"));
      await running;
    },
  };
}
