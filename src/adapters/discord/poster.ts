/**
 * Channel alerts into Discord, exactly once (ChannelPoster, ../shared/exactly-once.ts; docs/discord.md,
 * "How alerts are posted"). A `nonce` from the outbox key with `enforce_nonce` makes a repeat within
 * minutes return the first message; the same mark ("wq·<nonce>") ends the last footer. A thread item goes into the thread started from its parent (which
 * has the parent's id), or as a reply where wq may not create threads. Its own REST client rejects
 * a rate limit (for the outbox to schedule) rather than queue it, as interaction replies do.
 */
import { createHash } from "node:crypto";
import { DiscordAPIError, RateLimitError, REST, Routes, makeURLSearchParams, type RESTOptions } from "discord.js";
import { z } from "zod";
import { ChannelGoneError, RateLimitedError, type ChannelPoster, type OutboxItem } from "../../model/alerts.ts";
import type { Store } from "../../store/store.ts";
import { channelOf, findPosted } from "../shared/exactly-once.ts";
import { buildMessage, type DiscordMessage } from "./render.ts";

/** Discord's error codes the poster acts on. */
const CODE = { unknownChannel: 10003, unknownMessage: 10008, missingAccess: 50001, missingPermissions: 50013, notText: 50024, threadArchived: 50083, threadExists: 160004 };
/** How many recent messages findPosted reads: Discord's most in one call. */
const HISTORY = 100;
/** After these retrying cannot help: the channel is gone or closed to wq. */
const GONE: ReadonlySet<number> = new Set([CODE.unknownChannel, CODE.missingAccess, CODE.missingPermissions]);
/** Creating a thread may fail for these and the item still be postable as a reply. */
const NO_THREAD: ReadonlySet<number> = new Set([CODE.missingAccess, CODE.missingPermissions, CODE.unknownMessage, CODE.threadArchived, CODE.notText]);

export interface DiscordPosterOptions {
  token: string;
  /** REST base without the version; Discord's own when absent. */
  apiUrl?: string;
  /** The bot's user id, to tell its own messages from others' in findPosted (once known). */
  botUserId?: () => string | undefined;
  /** For buttons whose request is too long for a custom_id. */
  store: Pick<Store, "setMeta">;
  rest?: Partial<Pick<RESTOptions, "retries" | "timeout">>;
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
  return buildMessage({ ...item.reply, visibility: "public" }, store, { footerMark: markFor(item.key), alert: item.kind });
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
  /** Parent message ids whose thread is known to exist (one create call per digest, not per item). */
  private readonly threads = new Set<string>();

  constructor(private readonly options: DiscordPosterOptions) {
    this.rest = new REST({
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
      ...options.rest,
      // Every rate limit comes back as an error: the outbox decides when to try again.
      rejectOnRateLimit: () => true,
    }).setToken(options.token);
  }

  async post(item: OutboxItem, parentMessageId: string | null): Promise<string> {
    const channelId = channelOf(item, "discord");
    const { content, embeds, components } = await alertMessage(item, this.options.store);
    const body = { content, embeds, components, allowed_mentions: { parse: [] }, nonce: nonceFor(item.key), enforce_nonce: true };
    if (parentMessageId && (await this.thread(channelId, parentMessageId, threadName(item)))) {
      try {
        return await this.create(parentMessageId, body);
      } catch (error) {
        // The thread was deleted or archived for good meanwhile: a reply in the channel will do.
        if (codeOf(error) !== CODE.unknownChannel && codeOf(error) !== CODE.threadArchived) throw mapDiscordError(error);
        this.threads.delete(parentMessageId);
      }
    }
    const reference = parentMessageId ? { message_reference: { message_id: parentMessageId, channel_id: channelId, fail_if_not_exists: false } } : {};
    return this.create(channelId, { ...body, ...reference }).catch(rethrow);
  }

  async findPosted(item: OutboxItem): Promise<string | null> {
    const me = this.options.botUserId?.();
    return findPosted(item, {
      recent: () => this.recent(channelOf(item, "discord")),
      // The thread started from the parent has the parent's id; a parent without one has no thread.
      thread: (parentId) =>
        this.recent(parentId).catch((error: unknown) => {
          if (error instanceof ChannelGoneError && error.message.startsWith(`Discord ${CODE.unknownChannel}`)) return null;
          throw error;
        }),
      find: (messages, key) => messages.find((m) => (me === undefined || m.author?.id === me) && m.embeds.some((e) => e.footer?.text.endsWith(markFor(key)) ?? false))?.id ?? null,
    });
  }

  private async create(channelId: string, body: Record<string, unknown>): Promise<string> {
    return CreatedSchema.parse(await this.rest.post(Routes.channelMessages(channelId), { body })).id;
  }

  private async recent(channelId: string): Promise<z.infer<typeof MessagesSchema>> {
    return MessagesSchema.parse(await this.rest.get(Routes.channelMessages(channelId), { query: makeURLSearchParams({ limit: HISTORY }) }).catch(rethrow));
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
      const code = codeOf(error);
      if (code !== CODE.threadExists && code !== undefined && NO_THREAD.has(code)) return false;
      if (code !== CODE.threadExists) throw mapDiscordError(error);
    }
    this.threads.add(parentId);
    if (this.threads.size > 10_000) this.threads.clear();
    return true;
  }
}

const rethrow = (error: unknown): never => {
  throw mapDiscordError(error);
};
const codeOf = (error: unknown): number | undefined => (error instanceof DiscordAPIError ? Number(error.code) : undefined);

/** The thread's name (up to 100 characters): what its messages are. */
function threadName(item: Pick<OutboxItem, "kind">): string {
  return item.kind === "digest-item" ? "Answers in this digest" : item.kind === "correction" ? "Corrections" : "More from wq";
}

/** ChannelGoneError, RateLimitedError, or the error as it was (transient: retry later). */
export function mapDiscordError(error: unknown): unknown {
  if (error instanceof RateLimitError) {
    return new RateLimitedError(`Discord rate limit on ${error.route}`, Math.max(error.retryAfter, error.timeToReset, 1));
  }
  if (!(error instanceof DiscordAPIError)) return error;
  if (GONE.has(Number(error.code))) return new ChannelGoneError(`Discord ${error.code}: ${error.message}`);
  return error.status === 429 ? new RateLimitedError("Discord rate limit", 1000) : error;
}
