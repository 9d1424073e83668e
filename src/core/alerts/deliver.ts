import type { Logger } from "../../logger.ts";
import { channelKey } from "./events.ts";
import { ChannelGoneError, RateLimitedError, type AlertStore, type ChannelPoster, type ChannelRef, type OutboxItem } from "../../model/alerts.ts";

/** Points at which tests "kill" delivery: a hook that throws stops the loop with no further writes. */
export interface DeliveryHooks {
  /** Before the outbox records the attempt. */
  beforeSending?(item: OutboxItem): Promise<void> | void;
  /** After the outbox says "sending", before the platform is called. */
  afterSending?(item: OutboxItem): Promise<void> | void;
  /** After the platform accepted the post, before the outbox says "sent". */
  afterPosted?(item: OutboxItem, messageId: string): Promise<void> | void;
}

export interface DeliverOptions {
  alerts: AlertStore;
  posters: readonly ChannelPoster[];
  now: () => Date;
  logger: Logger;
  /** Items read per round (default 500). */
  limit?: number;
  /** Attempts before an item is given up as failed (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (default 30 s). */
  backoffMs?: number;
  /** Least time between two posts to one channel (default 1,100 ms: Slack allows about 1 a second). */
  spacingMs?: number;
  /** Waits; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Last post time per channel, kept between rounds by the caller so spacing holds across them. */
  lastPost?: Map<string, number>;
  hooks?: DeliveryHooks;
  /** Checked before each post: true ends the round early (shutting down, or no longer the leader). */
  shouldStop?: () => boolean;
}

export interface DeliverySummary {
  sent: number;
  /** Found already posted by an earlier attempt that died before marking it. */
  recovered: number;
  retried: number;
  failed: number;
  /** Waiting for their thread's parent, or for a poster of their platform. */
  waiting: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Posts every due outbox item once. Per item: an item left "sending" by an earlier attempt may
 * already be on the platform, so the poster is asked first; then markSending, post, markSent. Items
 * of one channel go in order, spaced; channels go side by side. A gone channel pauses its
 * subscriptions and fails its items; a rate limit retries when told; other errors retry with
 * exponential backoff until `maxAttempts`, then fail (logged).
 */
export async function deliverDue(options: DeliverOptions): Promise<DeliverySummary> {
  const { alerts, now, logger } = options;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoffMs = options.backoffMs ?? 30_000;
  const spacingMs = options.spacingMs ?? 1_100;
  const sleep = options.sleep ?? realSleep;
  const lastPost = options.lastPost ?? new Map<string, number>();
  const hooks = options.hooks ?? {};
  const posters = new Map(options.posters.map((p) => [p.platform, p] as const));
  const summary: DeliverySummary = { sent: 0, recovered: 0, retried: 0, failed: 0, waiting: 0 };

  const due = await alerts.dueItems(now(), options.limit ?? 500);
  const byChannel = new Map<string, OutboxItem[]>();
  for (const item of due) {
    const k = channelKey(item.channel);
    byChannel.set(k, [...(byChannel.get(k) ?? []), item]);
  }

  async function sent(item: OutboxItem, messageId: string): Promise<void> {
    await alerts.markSent(item.key, messageId);
    const at = now().toISOString();
    for (const id of item.subscriptionIds) await alerts.updateSubscription(id, { lastPostAt: at });
  }

  async function channelGone(channel: ChannelRef, items: readonly OutboxItem[], error: unknown): Promise<void> {
    const reason = `wq cannot post in this channel (${message(error)}); paused ${now().toISOString().slice(0, 10)}`;
    const subs = await alerts.listSubscriptions({ platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId });
    for (const s of subs) if (!s.paused) await alerts.updateSubscription(s.id, { paused: true, pausedReason: reason });
    for (const i of items) await alerts.markFailed(i.key, `channel gone: ${message(error)}`);
    // A watch that can no longer post (its channel or the person's DM gone) ends rather than fail each version.
    const watchIds = new Set(items.flatMap((i) => i.watchIds ?? []));
    for (const id of watchIds) await alerts.endWatch(id, now().toISOString(), `wq cannot post there (${message(error)})`);
    summary.failed += items.length;
    logger.warn(`alerts: ${channelKey(channel)} is gone (${message(error)}): paused ${subs.length} subscription(s), dropped ${items.length} post(s)`);
  }

  async function deliverChannel(key: string, items: OutboxItem[]): Promise<void> {
    const poster = posters.get(items[0]!.channel.platform);
    if (!poster) {
      summary.waiting += items.length;
      return;
    }
    for (let i = 0; i < items.length; i++) {
      if (options.shouldStop?.()) return;
      const item = items[i]!;
      // A watch's thread is a message the platform already holds; an outbox parent must be sent first.
      let parentId: string | null = item.threadMessageId ?? null;
      if (item.parentKey) {
        const parent = await alerts.getItem(item.parentKey);
        if (parent && (parent.state === "pending" || parent.state === "sending")) {
          // The thread's first message is not out yet: wait for it.
          summary.waiting++;
          continue;
        }
        // A parent that failed for good (or was never enqueued): post at the top level rather than not at all.
        parentId = parent?.state === "sent" ? parent.messageId : null;
      }
      try {
        if (item.state === "sending") {
          const found = await poster.findPosted(item);
          if (found !== null) {
            await sent(item, found);
            summary.recovered++;
            continue;
          }
        }
        const wait = (lastPost.get(key) ?? -Infinity) + spacingMs - now().getTime();
        if (wait > spacingMs) {
          // Held back by a rate limit: leave the channel for a later round rather than hold this one.
          summary.waiting += items.length - i;
          return;
        }
        if (wait > 0) await sleep(wait);
      } catch (e) {
        if (await handleError(e, key, item, items.slice(i))) return;
        continue;
      }
      await hooks.beforeSending?.(item);
      await alerts.markSending(item.key);
      await hooks.afterSending?.(item);
      let messageId: string;
      try {
        messageId = await poster.post(item, parentId);
      } catch (e) {
        lastPost.set(key, now().getTime());
        if (await handleError(e, key, { ...item, attempts: item.attempts + 1 }, items.slice(i))) return;
        continue;
      }
      lastPost.set(key, now().getTime());
      await hooks.afterPosted?.(item, messageId);
      await sent(item, messageId);
      summary.sent++;
    }
  }

  /** Handles a failed post; true when the rest of the channel's round should stop. */
  async function handleError(e: unknown, key: string, item: OutboxItem, rest: readonly OutboxItem[]): Promise<boolean> {
    if (e instanceof ChannelGoneError) {
      await channelGone(item.channel, rest, e);
      return true;
    }
    if (e instanceof RateLimitedError) {
      await alerts.markRetry(item.key, `rate limited: ${e.message}`, new Date(now().getTime() + e.retryAfterMs));
      lastPost.set(key, now().getTime() + e.retryAfterMs);
      summary.retried++;
      return true;
    }
    if (item.attempts >= maxAttempts) {
      await alerts.markFailed(item.key, message(e));
      summary.failed++;
      logger.error(`alerts: gave up on ${item.key} after ${item.attempts} attempts: ${message(e)}`);
      return false;
    }
    const delay = backoffMs * 2 ** Math.max(0, item.attempts - 1);
    await alerts.markRetry(item.key, message(e), new Date(now().getTime() + delay));
    summary.retried++;
    logger.warn(`alerts: posting ${item.key} failed (attempt ${item.attempts}), retrying in ${Math.round(delay / 1000)} s: ${message(e)}`);
    return false;
  }

  await Promise.all([...byChannel].map(([key, items]) => deliverChannel(key, items)));
  return summary;
}
