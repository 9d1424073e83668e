import { z } from "zod";
import type { Logger } from "../../logger.ts";
import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import { deliverDue, type DeliverOptions, type DeliverySummary } from "./deliver.ts";
import { scheduleDigests, type DigestHooks } from "./digests.ts";
import { Matcher } from "./matcher.ts";
import type { SearchEngine } from "../search/engine.ts";
import type { AlertStore, ChannelPoster } from "../../model/alerts.ts";
import { planMatches, type PlanHooks, type PlanResult } from "./plan.ts";
import { expireWatches, planWatches } from "./watches.ts";

/** How often running watches are checked for having settled (answered, no correction in 30 days). */
const WATCH_EXPIRY_EVERY_MS = 60 * 60 * 1000;

export interface AlertsOptions {
  store: Store;
  alertStore: AlertStore;
  /** One per configured platform; read at each delivery, so a poster may be added later. */
  posters: ChannelPoster[];
  now?: () => Date;
  logger: Logger;
  delivery?: Pick<DeliverOptions, "limit" | "maxAttempts" | "backoffMs" | "spacingMs" | "sleep" | "hooks">;
  hooks?: PlanHooks & DigestHooks;
  /** The search index, for the overdue report of lateness digests. */
  index?: Pick<SearchEngine, "overdue">;
}

export interface Alerts {
  /**
   * Matches what a sync step changed against every active subscription and fills the outbox.
   * Once caught up, it matches everything the store changed since the last match (the step's
   * questions and anything an earlier failure left), so nothing is skipped.
   */
  onSyncChanged(questions: readonly Question[]): Promise<PlanResult>;
  /**
   * Matches whatever the store changed since the last match that reached the outbox: what a
   * process that died between a sync's store write and the outbox write owes. Posts already owed
   * are not repeated (outbox keys). The first call over a store only marks where matching starts.
   */
  catchUp(): Promise<PlanResult>;
  /** Makes the digests that are due, then delivers every due outbox item. */
  tick(): Promise<{ digests: number; delivery: DeliverySummary }>;
  /**
   * Runs catch-up once, then tick every `intervalMs` (default 10 s) until stop(). Resolves when
   * catch-up is done: await it before starting sync, so a first sync step is matched, not taken
   * for what the store already held.
   */
  start(intervalMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Alerts over a store: matching, digests and delivery, all through the outbox. One entry for main. */
export function createAlerts(options: AlertsOptions): Alerts {
  const { store, alertStore, logger } = options;
  const now = options.now ?? (() => new Date());
  const matcher = new Matcher((query) => logger.warn(`alerts: the subscription query "${query}" no longer parses; it matches nothing`));
  const lastPost = new Map<string, number>();
  // When digests were last made in this process; null until the first tick, which looks at all.
  let lastDigestCheck: Date | null = null;
  // Matching and digest-making share the digest buffers and the watermark: one at a time. Delivery
  // runs one round at a time on its own line, so that a long round (a channel's posts are spaced a
  // second apart) never holds up a sync handing over its changes.
  const line = (): (<T>(step: () => Promise<T>) => Promise<T>) & { idle: () => Promise<unknown> } => {
    let chain: Promise<unknown> = Promise.resolve();
    const run = <T>(step: () => Promise<T>): Promise<T> => {
      const next = chain.then(step, step);
      chain = next.catch(() => undefined);
      return next;
    };
    return Object.assign(run, { idle: () => chain });
  };
  const serial = line();
  const delivering = line();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopping = false;

  // The store revision through which every change has been matched and its posts are in the
  // outbox. It moves only after the outbox write, so whatever a dead process left unmatched
  // (between the store write and the outbox write) is read again by the next one.
  const WATERMARK = "alerts:matched-revision";
  const readWatermark = async (): Promise<number | null> => {
    const text = await store.getMeta(WATERMARK);
    return text === null ? null : z.number().int().parse(JSON.parse(text));
  };
  const writeWatermark = (revision: number): Promise<void> => store.setMeta(WATERMARK, JSON.stringify(revision));
  const add = (a: PlanResult, b: PlanResult): PlanResult => ({ enqueued: a.enqueued + b.enqueued, buffered: a.buffered + b.buffered });

  const match = async (questions: readonly Question[]): Promise<PlanResult> => {
    const subs = await alertStore.activeSubscriptions();
    const matches = await matcher.match(questions, subs);
    const planned = matches.length === 0 ? { enqueued: 0, buffered: 0 } : await planMatches({ alertStore, store, now, hooks: options.hooks }, matches);
    // Watches take the same path: what they are owed is in the outbox before the watermark moves.
    const watched = await planWatches({ alertStore, store, now, hooks: options.hooks }, questions);
    return { ...planned, enqueued: planned.enqueued + watched };
  };
  let lastExpiry = -Infinity;

  /** Matches every question changed since the watermark, then moves it. */
  const matchSince = async (from: number): Promise<PlanResult> => {
    const latest = await store.revision();
    let result: PlanResult = { enqueued: 0, buffered: 0 };
    for await (const batch of store.changedSince(from, 500)) result = add(result, await match(batch));
    await writeWatermark(latest);
    return result;
  };

  const deliver = (): Promise<DeliverySummary> =>
    delivering(() =>
      deliverDue({ alerts: alertStore, posters: options.posters, now, logger, lastPost, shouldStop: () => stopping, ...options.delivery }),
    );

  const tick = async (): Promise<{ digests: number; delivery: DeliverySummary }> => {
    const digests = await serial(async () => {
      const at = now();
      const made = await scheduleDigests({ alertStore, store, now, hooks: options.hooks, since: lastDigestCheck, index: options.index });
      lastDigestCheck = at;
      if (at.getTime() - lastExpiry >= WATCH_EXPIRY_EVERY_MS) {
        const ended = await expireWatches({ alertStore, store, now });
        lastExpiry = at.getTime();
        if (ended > 0) logger.info(`alerts: ${ended} watch(es) ended: answered, no correction in 30 days`);
      }
      return made;
    });
    const delivery = await deliver();
    return { digests, delivery };
  };

  const safely = async (what: string, step: () => Promise<unknown>): Promise<void> => {
    try {
      await step();
    } catch (e) {
      logger.error(`alerts: ${what} failed`, e);
    }
  };
  const safeTick = (): Promise<void> => safely("delivery round", tick);

  const alerts: Alerts = {
    onSyncChanged: (questions) =>
      serial(async () => {
        const from = await readWatermark();
        let result: PlanResult;
        if (from === null) {
          // Never caught up yet: these questions are all there is to match.
          const latest = await store.revision();
          result = await match(questions);
          await writeWatermark(latest);
        } else result = await matchSince(from);
        if (result.enqueued + result.buffered > 0) logger.info(`alerts: ${result.enqueued} post(s) queued, ${result.buffered} digest entr(ies) added`);
        return result;
      }).finally(() => {
        // Instant posts go out now rather than at the next tick; the sync does not wait for them.
        if (running) void safely("delivery round", deliver);
      }),
    catchUp: () =>
      serial(async () => {
        const from = await readWatermark();
        if (from !== null) return matchSince(from);
        // The first start over an existing store: what it holds already is not news.
        await writeWatermark(await store.revision());
        return { enqueued: 0, buffered: 0 };
      }),
    tick,
    async start(intervalMs = 10_000) {
      if (running) return;
      running = true;
      stopping = false;
      await safely("catch-up", alerts.catchUp);
      void safeTick().then(function loop(): void {
        if (!running) return;
        timer = setTimeout(() => void safeTick().then(loop), intervalMs);
      });
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.all([serial.idle(), delivering.idle()]);
    },
  };
  return alerts;
}
