/**
 * Channel alerts into Slack, exactly once (ChannelPoster, ../shared/exactly-once.ts): each post
 * carries its outbox key in message metadata (`event_type: "wq_alert"`). Posts to one channel are
 * spaced about a second apart, Slack's rate for chat.postMessage. With OAuth installs each
 * workspace's own bot token is used.
 */
import { webApi, type InstallationStore } from "@slack/bolt";
import { z } from "zod";
import { ChannelGoneError, RateLimitedError, type ChannelPoster, type OutboxItem } from "../../model/alerts.ts";
import type { SlackAuth } from "./config.ts";
import { channelOf, findPosted } from "../shared/exactly-once.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { renderReply, type SlackMessage } from "./render.ts";

export const ALERT_EVENT_TYPE = "wq_alert";

/** Slack errors after which retrying cannot help: the channel, or wq's access to it, is gone. */
export const GONE_ERRORS: ReadonlySet<string> = new Set(["channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked", "missing_scope"]);

export interface SlackPosterOptions {
  auth: SlackAuth;
  /** Where OAuth installs keep each workspace's bot token (required with OAuth). */
  installations?: Pick<InstallationStore, "fetchInstallation">;
  /** Web API base; Slack's own when absent. */
  apiUrl?: string;
  /** Retries of failed calls (network errors, 5xx); rate limits are never retried here. Default 2. */
  retries?: number;
  /** Least time between two posts to one channel; Slack allows about one a second. Default 1,100 ms. */
  minIntervalMs?: number;
  /** How many recent messages findPosted reads (one page). Default 200. */
  historyLimit?: number;
  /** The clock the per-channel spacing reads and waits on; tests pass a fake one. */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
}

const realClock = { now: (): number => Date.now(), sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)) };

/** The message wq posts for an outbox item: public, with the buttons the core's alert messages gave it. */
export function alertMessage(item: Pick<OutboxItem, "kind" | "reply">): SlackMessage {
  return renderReply({ ...item.reply, visibility: "public" }, { alert: item.kind });
}

const PostedSchema = z.object({ ts: z.string() });
const MetadataSchema = z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() });
const HistorySchema = z.object({ messages: z.array(z.looseObject({ ts: z.string(), metadata: MetadataSchema.optional() })).default([]) });
const PlatformErrorSchema = z.object({ data: z.object({ error: z.string(), needed: z.string().optional() }) });
const RateLimitErrorSchema = z.object({ code: z.literal("slack_webapi_rate_limited_error"), retryAfter: z.number() });

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack" as const;
  private readonly client: webApi.WebClient;
  private readonly nextSlot = new Map<string, number>();
  private readonly minIntervalMs: number;
  private readonly historyLimit: number;

  constructor(private readonly options: SlackPosterOptions) {
    // A 429 comes back to the outbox as RateLimitedError, which schedules the retry itself; a hung
    // call must not hold the delivery loop: it fails and the outbox retries.
    this.client = failFastClient(undefined, { apiUrl: options.apiUrl, retries: options.retries ?? 2, timeoutMs: 30_000 });
    this.minIntervalMs = options.minIntervalMs ?? SLACK_LIMITS.channelPostIntervalMs;
    this.historyLimit = options.historyLimit ?? 200;
  }

  async post(item: OutboxItem, parentMessageId: string | null): Promise<string> {
    const channel = channelOf(item, "slack");
    const token = await this.tokenFor(item.channel.workspaceId);
    await this.turn(`${item.channel.workspaceId}:${channel}`);
    const answer = await this.call(() =>
      this.client.chat.postMessage({
        ...{ token, channel, ...alertMessage(item), unfurl_links: false, unfurl_media: false },
        ...(parentMessageId ? { thread_ts: parentMessageId } : {}),
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { key: item.key } },
      }),
    );
    return PostedSchema.parse(answer).ts;
  }

  async findPosted(item: OutboxItem): Promise<string | null> {
    const channel = channelOf(item, "slack");
    const token = await this.tokenFor(item.channel.workspaceId);
    const read = { token, channel, include_all_metadata: true, limit: this.historyLimit };
    return findPosted(item, {
      recent: async () => HistorySchema.parse(await this.call(() => this.client.conversations.history(read))).messages,
      thread: async (ts) => {
        try {
          return HistorySchema.parse(await this.client.conversations.replies({ ...read, ts })).messages.filter((m) => m.ts !== ts);
        } catch (error) {
          // A parent without a thread yet: nothing was posted in it.
          if (slackErrorCode(error) === "thread_not_found") return null;
          throw mapSlackError(error);
        }
      },
      find: (messages, key) => messages.find((m) => m.metadata?.event_type === ALERT_EVENT_TYPE && m.metadata.event_payload?.key === key)?.ts ?? null,
    });
  }

  /** The workspace's bot token: the configured one, or its installation's with OAuth. */
  private async tokenFor(teamId: string): Promise<string | undefined> {
    const { auth, installations } = this.options;
    if (auth.kind === "token") return auth.botToken;
    if (!installations) throw new Error("SlackPoster: OAuth needs the installation store");
    const installation = await installations.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }).catch((error: unknown) => {
      throw new ChannelGoneError(`wq is not installed in Slack workspace ${teamId}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const token = installation.bot?.token;
    if (!token) throw new ChannelGoneError(`wq has no bot token for Slack workspace ${teamId}`);
    return token;
  }

  /** Waits for this channel's next free slot, about one post a second per channel. */
  private async turn(channel: string): Promise<void> {
    const clock = this.options.clock ?? realClock;
    const now = clock.now();
    const at = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, at + this.minIntervalMs);
    if (this.nextSlot.size > 1000) for (const [key, until] of this.nextSlot) if (until < now) this.nextSlot.delete(key);
    if (at > now) await clock.sleep(at - now);
  }

  /** Runs a Web API call, turning Slack's errors into the outbox's. */
  private call<T>(work: () => Promise<T>): Promise<T> {
    return work().catch((error: unknown) => Promise.reject(mapSlackError(error)));
  }
}

/** A Web API client that leaves rate limits to its caller (rejects a 429) and gives up after `timeoutMs`. */
export function failFastClient(token: string | undefined, options: { apiUrl?: string | undefined; retries: number; timeoutMs: number }): webApi.WebClient {
  const { apiUrl, retries, timeoutMs } = options;
  return new webApi.WebClient(token, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), rejectRateLimitedCalls: true, retryConfig: { retries }, timeout: timeoutMs, logLevel: webApi.LogLevel.ERROR });
}

/** Slack's error code (`data.error`) when a Web API call failed with one. */
export const slackErrorCode = (error: unknown): string | undefined => PlatformErrorSchema.safeParse(error).data?.data.error;

/** ChannelGoneError, RateLimitedError, or the error as it was (transient: retry later). */
export function mapSlackError(error: unknown): unknown {
  const limited = RateLimitErrorSchema.safeParse(error);
  if (limited.success) return new RateLimitedError("Slack rate limit (429)", Math.max(1, limited.data.retryAfter) * 1000);
  const platform = PlatformErrorSchema.safeParse(error);
  if (platform.success) {
    const code = platform.data.data.error;
    const needed = platform.data.data.needed ? ` (needs ${platform.data.data.needed})` : "";
    if (GONE_ERRORS.has(code)) return new ChannelGoneError(`Slack: ${code}${needed}`);
    if (code === "ratelimited") return new RateLimitedError("Slack: ratelimited", 1000);
  }
  return error;
}
