import { ChannelGoneError, RateLimitedError, type ChannelPoster, type ChannelRef, type OutboxItem } from "../../../src/model/alerts.ts";
import type { Reply } from "../../../src/model/reply.ts";

export interface FakePost {
  key: string;
  channel: ChannelRef;
  kind: OutboxItem["kind"];
  parentMessageId: string | null;
  messageId: string;
  reply: Reply;
  questionId: string | null;
  /** Written to the user directly (a DM) rather than in a channel. */
  direct: boolean;
  /** Who the post pings. */
  mentions: NonNullable<OutboxItem["mentions"]>;
  /** When the fake platform accepted it (from the clock given). */
  at: number;
}

export type Failure = "gone" | { rateLimitMs: number } | "transient";

/**
 * A chat platform that records what it is sent. It keeps every post's key, as Slack's message
 * metadata or a Discord nonce would, so findPosted answers by key. `fail` makes the next posts
 * (matching a predicate) fail in a chosen way.
 */
export class FakePoster implements ChannelPoster {
  readonly posts: FakePost[] = [];
  findCalls = 0;
  private next = 1;
  private readonly failures: Array<{ when: (item: OutboxItem) => boolean; failure: Failure; times: number }> = [];

  constructor(
    readonly platform: ChannelRef["platform"] = "slack",
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Fails the next `times` posts that `when` selects. */
  fail(failure: Failure, options: { times?: number; when?: (item: OutboxItem) => boolean } = {}): void {
    this.failures.push({ failure, times: options.times ?? 1, when: options.when ?? (() => true) });
  }

  async post(item: OutboxItem, parentMessageId: string | null): Promise<string> {
    const f = this.failures.find((x) => x.times > 0 && x.when(item));
    if (f) {
      f.times--;
      if (f.failure === "gone") throw new ChannelGoneError("channel_not_found");
      if (f.failure === "transient") throw new Error("HTTP 503");
      throw new RateLimitedError("ratelimited", f.failure.rateLimitMs);
    }
    const messageId = `m${this.next++}`;
    this.posts.push({
      key: item.key,
      channel: item.channel,
      kind: item.kind,
      parentMessageId,
      messageId,
      reply: item.reply,
      questionId: item.questionId,
      direct: item.direct === true,
      mentions: item.mentions ?? [],
      at: this.clock().getTime(),
    });
    return messageId;
  }

  async findPosted(item: OutboxItem): Promise<string | null> {
    this.findCalls++;
    const p = this.posts.find((x) => x.key === item.key && sameChannel(x.channel, item.channel));
    return p?.messageId ?? null;
  }

  /** Posts in one channel. */
  in(channelId: string): FakePost[] {
    return this.posts.filter((p) => p.channel.channelId === channelId);
  }
}

function sameChannel(a: ChannelRef, b: ChannelRef): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId && a.channelId === b.channelId;
}
