/**
 * Channel alerts into Discord, exactly once (ChannelPoster). A post is a channel message
 * (POST /channels/{id}/messages) of the rendered embeds, pinging nobody, with a `nonce` derived
 * from the outbox key and `enforce_nonce: true`, so a repeat within Discord's few minutes returns
 * the first message instead of posting again. The same short mark ("wq·<nonce>") ends the last
 * embed's footer, so findPosted can also find the post later among the channel's recent
 * messages. An item with a parent goes into a thread started from the parent message (a digest's
 * answers, a correction under the answer it corrects): a thread started from a message has that
 * message's id, so the parent's id is all it takes. Where wq may not create threads it falls back
 * to a reply (message_reference) in the channel.
 *
 * The poster has its own REST client that rejects a rate limit (RateLimitedError, for the outbox
 * to schedule) instead of queueing it, so interaction replies keep discord.js's queueing.
 */
import { createHash } from "node:crypto";
import { DiscordAPIError, RateLimitError, REST, Routes, makeURLSearchParams, type RESTOptions } from "discord.js";
import { z } from "zod";
import { ChannelGoneError, RateLimitedError, type ChannelPoster, type OutboxItem } from "../../model/alerts.ts";
import type { Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { buildMessage } from "./message.ts";
import type { DiscordMessage } from "./render.ts";

/** Discord errors after which retrying cannot help: Unknown Channel, Missing Access, Missing Permissions. */
export const GONE_CODES: ReadonlySet<number> = new Set([10003, 50001, 50013]);

const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const THREAD_EXISTS = 160004;
const THREAD_ARCHIVED = 50083;
/** Creating a thread may fail for these and the item still be postable as a reply. */
const NO_THREAD: ReadonlySet<number> = new Set([50001, 50013, UNKNOWN_MESSAGE, THREAD_ARCHIVED, 50024 /* not a text channel */]);

export interface DiscordPosterOptions {
  token: string;
  /** REST base without the version; Discord's own when absent. */
  apiUrl?: string;
  /** The bot's user id, to tell its own messages from others' in findPosted (once known). */
  botUserId?: () => string | undefined;
  /** For buttons whose request is too long for a custom_id. */
  store: Pick<Store, "setMeta">;
  rest?: Partial<Pick<RESTOptions, "retries" | "timeout">>;
  /** How many recent messages findPosted reads (Discord's most in one call). Default 100. */
  historyLimit?: number;
}

/** Discord's nonce for an outbox key: at most 25 characters, the same for the same key. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 25);
}

/** What ends the last embed's footer of an alert: short, and enough to find it again. */
export function markFor(key: string): string {
  return `wq·${nonceFor(key)}`;
}

/** The message for an outbox item: public, with the core's buttons, the key's mark in the footer. */
export async function alertMessage(item: Pick<OutboxItem, "kind" | "reply" | "key">, store: Pick<Store, "setMeta">): Promise<DiscordMessage> {
  const reply: Reply = { ...item.reply, visibility: "public" };
  const hiddenNote =
    item.kind === "digest" ? (n: number) => `${n} more not shown here; each one is in the thread.` : (n: number) => `${n} more not shown here.`;
  return buildMessage(reply, store, { footerMark: markFor(item.key), hiddenNote });
}

const CreatedSchema = z.object({ id: z.string() });
const MessagesSchema = z.array(
  z.looseObject({
    id: z.string(),
    author: z.object({ id: z.string() }).optional(),
    embeds: z.array(z.looseObject({ footer: z.object({ text: z.string() }).optional() })).default([]),
  }),
);

export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord" as const;
  private readonly rest: REST;
  private readonly historyLimit: number;
  /** Parent message ids whose thread is known to exist (one create call per digest, not per item). */
  private readonly threads = new Set<string>();

  constructor(private readonly options: DiscordPosterOptions) {
    this.rest = new REST({
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
      ...options.rest,
      // Every rate limit comes back as an error: the outbox decides when to try again.
      rejectOnRateLimit: () => true,
    }).setToken(options.token);
    this.historyLimit = Math.min(100, options.historyLimit ?? 100);
  }

  async post(item: OutboxItem, parentMessageId: string | null): Promise<string> {
    const channelId = this.channelOf(item);
    const message = await alertMessage(item, this.options.store);
    const body = {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: { parse: [] },
      nonce: nonceFor(item.key),
      enforce_nonce: true,
    };
    if (parentMessageId && (await this.thread(channelId, parentMessageId, threadName(item)))) {
      try {
        return await this.create(parentMessageId, body);
      } catch (error) {
        // The thread was deleted or archived for good meanwhile: a reply in the channel will do.
        if (!(error instanceof DiscordAPIError) || (codeOf(error) !== UNKNOWN_CHANNEL && codeOf(error) !== THREAD_ARCHIVED)) throw mapDiscordError(error);
        this.threads.delete(parentMessageId);
      }
    }
    const reference = parentMessageId ? { message_reference: { message_id: parentMessageId, channel_id: channelId, fail_if_not_exists: false } } : {};
    return this.call(() => this.create(channelId, { ...body, ...reference }));
  }

  async findPosted(item: OutboxItem): Promise<string | null> {
    const channelId = this.channelOf(item);
    const recent = await this.recent(channelId);
    const here = this.marked(recent, item.key);
    if (here !== null || item.parentKey === null) return here;
    // A thread item: look in the thread started from its parent, if the parent and thread exist.
    const parentId = this.marked(recent, item.parentKey);
    if (parentId === null) return null;
    try {
      return this.marked(await this.recent(parentId), item.key);
    } catch (error) {
      if (error instanceof ChannelGoneError && /^Discord 10003/.test(error.message)) return null;
      throw error;
    }
  }

  private async create(channelId: string, body: Record<string, unknown>): Promise<string> {
    return CreatedSchema.parse(await this.rest.post(Routes.channelMessages(channelId), { body })).id;
  }

  private async recent(channelId: string): Promise<z.infer<typeof MessagesSchema>> {
    const answer = await this.call(() => this.rest.get(Routes.channelMessages(channelId), { query: makeURLSearchParams({ limit: this.historyLimit }) }));
    return MessagesSchema.parse(answer);
  }

  /** The id of wq's own message carrying this key's mark, if any. */
  private marked(messages: z.infer<typeof MessagesSchema>, key: string): string | null {
    const mark = markFor(key);
    const me = this.options.botUserId?.();
    const found = messages.find((m) => (me === undefined || m.author?.id === me) && m.embeds.some((e) => e.footer?.text.endsWith(mark) ?? false));
    return found?.id ?? null;
  }

  /**
   * Makes sure the thread on the parent message exists: true when items can go into it, false when
   * wq may not create threads there (or the parent is gone): then they go as replies.
   */
  private async thread(channelId: string, parentId: string, name: string): Promise<boolean> {
    if (this.threads.has(parentId)) return true;
    try {
      await this.rest.post(Routes.threads(channelId, parentId), { body: { name, auto_archive_duration: 1440 } });
    } catch (error) {
      const code = error instanceof DiscordAPIError ? codeOf(error) : undefined;
      if (code === undefined || (code !== THREAD_EXISTS && !NO_THREAD.has(code))) throw mapDiscordError(error);
      if (code !== THREAD_EXISTS) return false;
    }
    this.threads.add(parentId);
    if (this.threads.size > 10_000) this.threads.clear();
    return true;
  }

  private channelOf(item: OutboxItem): string {
    if (item.channel.platform !== "discord") throw new Error(`DiscordPoster got an item for ${item.channel.platform}`);
    return item.channel.channelId;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapDiscordError(error);
    }
  }
}

function codeOf(error: DiscordAPIError): number {
  return typeof error.code === "number" ? error.code : Number(error.code);
}

/** The thread's name (up to 100 characters): what its messages are. */
function threadName(item: Pick<OutboxItem, "kind">): string {
  return item.kind === "digest-item" ? "Answers in this digest" : item.kind === "correction" ? "Corrections" : "More from wq";
}

/** ChannelGoneError, RateLimitedError, or the error as it was (transient: retry later). */
export function mapDiscordError(error: unknown): unknown {
  if (error instanceof RateLimitError) {
    return new RateLimitedError(`Discord rate limit on ${error.route}`, Math.max(error.retryAfter, error.timeToReset, 1));
  }
  if (error instanceof DiscordAPIError) {
    const code = codeOf(error);
    if (GONE_CODES.has(code)) return new ChannelGoneError(`Discord ${code}: ${error.message}`);
    if (error.status === 429) return new RateLimitedError("Discord rate limit", 1000);
  }
  return error;
}
