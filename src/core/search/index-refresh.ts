import type { Logger } from "../../logger.ts";
import type { Store } from "../../store/store.ts";
import type { SearchEngine } from "./engine.ts";

export interface IndexRefresh {
  /** Reads what changed since the last look into the index now; returns how many questions. */
  refresh(): Promise<number>;
  stop(): void;
}

/**
 * Keeps a process's search index up with the store when others write to it: another wq process
 * that leads the syncs, or `wq import` run beside the bot. Every `intervalMs` it reads the
 * questions written after the revision it last saw.
 */
export function startIndexRefresh(options: {
  store: Store;
  index: SearchEngine;
  fromRevision: number;
  intervalMs: number;
  logger?: Logger;
}): IndexRefresh {
  let seen = options.fromRevision;
  let running: Promise<number> | null = null;
  const refresh = (): Promise<number> => {
    // One look at a time: a slow store must not pile up overlapping reads.
    running ??= (async () => {
      try {
        const latest = await options.store.revision();
        let n = 0;
        for await (const batch of options.store.changedSince(seen)) {
          await options.index.upsert(batch);
          n += batch.length;
        }
        seen = latest;
        return n;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = options.intervalMs > 0
    ? setInterval(() => refresh().catch((e: unknown) => options.logger?.warn("search index refresh failed", e)), options.intervalMs)
    : null;
  timer?.unref();
  return { refresh, stop: () => timer && clearInterval(timer) };
}
