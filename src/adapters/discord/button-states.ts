/**
 * Button states too long for a custom_id live in the store (custom-id.ts). Discord keeps the
 * messages carrying those buttons for ever, so without an end the store would grow with every
 * long search: a state unused for 30 days is deleted, at start and then daily. Its button then
 * answers "This button no longer works. Run the command again."
 */
import type { Logger } from "../../logger.ts";
import type { Store } from "../../store/store.ts";
import { META_PREFIX } from "./custom-id.ts";

export const BUTTON_STATE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the states last written more than 30 days before `now`; returns how many. */
export function pruneButtonStates(store: Pick<Store, "pruneMeta">, now: Date): Promise<number> {
  return store.pruneMeta(META_PREFIX, new Date(now.getTime() - BUTTON_STATE_DAYS * DAY_MS));
}

export interface ButtonStatePruning {
  /** Settles when the first prune (at start) is done; it never rejects. */
  first: Promise<void>;
  stop(): void;
}

export interface PruningOptions {
  store: Pick<Store, "pruneMeta">;
  now?: () => Date;
  logger: Pick<Logger, "info" | "warn">;
  /** Runs `run` every `ms` until the returned stop is called; setInterval by default (tests pass their own). */
  every?: (ms: number, run: () => void) => () => void;
}

export function startButtonStatePruning({ store, now = () => new Date(), logger, every = repeat }: PruningOptions): ButtonStatePruning {
  const prune = async (): Promise<void> => {
    try {
      const gone = await pruneButtonStates(store, now());
      if (gone > 0) logger.info(`discord: ${gone} button state(s) unused for ${BUTTON_STATE_DAYS} days deleted`);
    } catch (error) {
      // The next day tries again; buttons keep working meanwhile.
      logger.warn(`discord: pruning button states failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const first = prune();
  const stop = every(DAY_MS, () => void prune());
  return { first, stop };
}

function repeat(ms: number, run: () => void): () => void {
  const timer = setInterval(run, ms);
  // A daily chore must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
