import type { Logger } from "../logger.ts";

/**
 * Who runs sync and delivery when several wq processes share one store. At most one process holds
 * the lock at a time; the others keep trying, and one of them takes over when the holder dies.
 */
export interface LeaderLock {
  /** Takes the lock if it is free, or checks that this process still holds it. Never throws. */
  tryAcquire(): Promise<boolean>;
  /** Whether this process held the lock at the last check. */
  isLeader(): boolean;
  /** Gives the lock up (if held) and frees what it used. */
  release(): Promise<void>;
  /** Optional: called as soon as the lock is known to be lost between checks (a dropped connection). */
  onLost?(listener: () => void): void;
}

/** The embedded store serves one process, which always leads. */
export class LocalLeaderLock implements LeaderLock {
  private held = false;

  async tryAcquire(): Promise<boolean> {
    this.held = true;
    return true;
  }

  isLeader(): boolean {
    return this.held;
  }

  async release(): Promise<void> {
    this.held = false;
  }
}

export const DEFAULT_LEADER_INTERVAL_MS = 15_000;

export interface RunAsLeaderOptions {
  lock: LeaderLock;
  /** How often to try for the lock, or confirm it is still held (default 15 s). */
  intervalMs?: number;
  /**
   * Called when this process becomes the leader: start sync and delivery, and return (no check
   * runs until it has, so it should not wait for a whole sync).
   */
  onGain: () => Promise<void> | void;
  /** Called when it stops being the leader (lost connection, or stop()): stop them. */
  onLose: () => Promise<void> | void;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

export interface LeaderRun {
  isLeader(): boolean;
  /** Stops polling, runs onLose if leading, and releases the lock. */
  stop(): Promise<void>;
}

/**
 * Polls `lock` every `intervalMs`, first straight away. onGain runs when this process gains the
 * lock, onLose when it loses it; the two always alternate, and no check starts while another or a
 * callback is still running.
 */
export function runAsLeader(options: RunAsLeaderOptions): LeaderRun {
  const { lock, onGain, onLose, logger } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_LEADER_INTERVAL_MS;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Every check and callback runs on this chain, one after another.
  let chain: Promise<void> = Promise.resolve();

  const run = (step: () => Promise<void>): Promise<void> => {
    chain = chain.then(step, step);
    return chain;
  };

  const gain = async (): Promise<void> => {
    leading = true;
    logger.info("leader: this process now runs sync and delivery");
    try {
      await onGain();
    } catch (error) {
      logger.error("leader: starting work failed", error);
    }
  };

  const lose = async (why: string): Promise<void> => {
    if (!leading) return;
    leading = false;
    logger.warn(`leader: ${why}: stopping sync and delivery`);
    try {
      await onLose();
    } catch (error) {
      logger.error("leader: stopping work failed", error);
    }
  };

  const check = async (): Promise<void> => {
    if (stopped) return;
    let held = false;
    try {
      held = await lock.tryAcquire();
    } catch (error) {
      logger.warn(`leader: lock check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (stopped) return;
    if (held && !leading) await gain();
    else if (!held && leading) await lose("the lock was lost");
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void run(check).then(schedule);
    }, intervalMs);
  };

  lock.onLost?.(() => {
    void run(() => lose("the lock's connection was lost"));
  });
  void run(check).then(schedule);

  return {
    isLeader: () => leading,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await run(async () => {
        await lose("shutting down");
        try {
          await lock.release();
        } catch (error) {
          logger.warn(`leader: releasing the lock failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    },
  };
}
