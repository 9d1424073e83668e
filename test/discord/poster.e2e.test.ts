/**
 * The Discord poster from the running adapter (startDiscord's handle) against the fake: channel
 * messages with a nonce and the key's mark, replies under a parent, a repeated nonce returning the
 * first message, finding a post by its key after a crash, errors mapped for the outbox, and a
 * 55-card digest within Discord's limits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { violations, type CheckedMessage } from "./violations.ts";
import { alertMessage, DiscordPoster, markFor, nonceFor } from "../../src/adapters/discord/poster.ts";
import { ChannelGoneError, RateLimitedError, type ChannelRef } from "../../src/model/alerts.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { APP_ID, BOT_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { fakeCore } from "../fakes/slack/fake-core.ts";
import { alertReply, outboxItem } from "../slack/outbox-items.ts";
import { card } from "./replies.ts";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const channel: ChannelRef = { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const OTHER_CHANNEL = "444444444444444445";

let fake: FakeDiscord;
// Whatever a test checks, the platform would have taken every message wq sent (see the fake's limits).
afterEach(() => expect(fake.refused).toEqual([]));
let store: SqliteStore;
let bot: DiscordHandle;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  store = new SqliteStore(":memory:");
  bot = await startDiscord({ core: fakeCore(), store, config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 30_000 } });
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  await store.close();
});
beforeEach(() => fake.resetChannels());

const item = (key: string, over: Parameters<typeof outboxItem>[3] = {}) => outboxItem(channel, key, alertReply([card(1)]), over);
const posts = (): RecordedRequest[] => fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`);
interface Body extends CheckedMessage {
  nonce?: string;
  enforce_nonce?: boolean;
  allowed_mentions?: unknown;
  message_reference?: { message_id: string };
}
const bodyOf = (r: RecordedRequest | undefined): Body => (r?.body ?? {}) as Body;

describe("posting", () => {
  it("creates a channel message of the embeds, pinging nobody, with a nonce from the key and the key's mark", async () => {
    const before = posts().length;
    const id = await bot.poster.post(item("instant:q1"), null);
    const sent = bodyOf(posts()[before]);
    expect(sent.allowed_mentions).toEqual({ parse: [] });
    expect(sent.nonce).toBe(nonceFor("instant:q1"));
    expect(sent.nonce?.length).toBeLessThanOrEqual(25);
    expect(sent.enforce_nonce).toBe(true);
    expect(sent.message_reference).toBeUndefined();
    expect(sent.embeds?.[0]?.title).toContain("Question 1");
    expect(sent.embeds?.at(-1)?.footer?.text.endsWith(markFor("instant:q1"))).toBe(true);
    expect(violations(sent)).toEqual([]);
    // Only "Show full answer" stays on a channel post.
    expect((sent.components ?? []).flatMap((r) => r.components).map((b) => b.label)).toEqual(["Show full answer"]);
    expect(fake.messagesIn(CHANNEL_ID).map((m) => m.id)).toEqual([id]);
  });

  it("items with a parent go into a thread started from the parent message, created once", async () => {
    const parent = await bot.poster.post(item("digest:d", { kind: "digest" }), null);
    const first = await bot.poster.post(item("digest:d:q1", { kind: "digest-item", parentKey: "digest:d" }), parent);
    const second = await bot.poster.post(item("digest:d:q2", { kind: "digest-item", parentKey: "digest:d" }), parent);
    expect(fake.threads.get(parent)).toEqual({ parentChannel: CHANNEL_ID, name: "Answers in this digest" });
    expect(fake.messagesIn(parent).map((m) => m.id)).toEqual([first, second]);
    expect(fake.messagesIn(CHANNEL_ID).map((m) => m.id)).toEqual([parent]);
    expect(fake.requests.filter((r) => r.path.endsWith("/threads"))).toHaveLength(1);
    // The thread exists already (another process, or a restart): it is used, not refused.
    const restarted = new DiscordPoster({ token: "t", apiUrl: fake.apiUrl, store, botUserId: () => BOT_ID, rest: { retries: 0 } });
    const third = await restarted.post(item("digest:d:q3", { kind: "digest-item", parentKey: "digest:d" }), parent);
    expect(fake.messagesIn(parent).map((m) => m.id)).toEqual([first, second, third]);
  });

  it("where wq may not create threads, an item is a reply to its parent in the channel", async () => {
    fake.failChannel(CHANNEL_ID, { status: 403, code: 50013, message: "Missing Permissions", method: "THREAD" });
    const parent = await bot.poster.post(item("digest:r", { kind: "digest" }), null);
    const child = await bot.poster.post(item("digest:r:q1", { kind: "digest-item", parentKey: "digest:r" }), parent);
    expect(bodyOf(posts().at(-1)).message_reference).toMatchObject({ message_id: parent });
    expect(fake.messagesIn(CHANNEL_ID).find((m) => m.id === child)?.message_reference).toMatchObject({ message_id: parent });
    // And it is found there after a crash.
    expect(await bot.poster.findPosted(item("digest:r:q1", { parentKey: "digest:r" }))).toBe(child);
  });

  it("the same key posted twice (a retry within minutes) gives the first message, not a second", async () => {
    const first = await bot.poster.post(item("instant:q2"), null);
    const again = await bot.poster.post(item("instant:q2"), null);
    expect(again).toBe(first);
    expect(fake.messagesIn(CHANNEL_ID)).toHaveLength(1);
  });
});

describe("finding a post after a crash", () => {
  it("a fresh poster finds the post by its key among recent messages, and nothing for another key", async () => {
    await bot.poster.post(item("before"), null);
    const id = await bot.poster.post(item("instant:q3"), null);
    await bot.poster.post(item("after", { reply: { ...alertReply([]), kind: "info", title: "Digest", text: "Nothing new" } }), null);
    const after = new DiscordPoster({ token: "t", apiUrl: fake.apiUrl, store, botUserId: () => BOT_ID, rest: { retries: 0, timeout: 30_000 } });
    expect(await after.findPosted(item("instant:q3"))).toBe(id);
    expect(await after.findPosted(item("after"))).not.toBeNull();
    expect(await after.findPosted(item("never"))).toBeNull();
    const get = fake.requests.filter((r) => r.method === "GET" && r.path === `/channels/${CHANNEL_ID}/messages`).at(-1);
    expect(get?.query.get("limit")).toBe("100");
  });

  it("a thread item is found in its parent's thread; nothing when the thread was never started", async () => {
    const parent = await bot.poster.post(item("digest:t", { kind: "digest" }), null);
    const lonely = await bot.poster.post(item("digest:u", { kind: "digest" }), null);
    const child = await bot.poster.post(item("digest:t:q1", { kind: "digest-item", parentKey: "digest:t" }), parent);
    const after = new DiscordPoster({ token: "t", apiUrl: fake.apiUrl, store, botUserId: () => BOT_ID, rest: { retries: 0 } });
    expect(await after.findPosted(item("digest:t:q1", { parentKey: "digest:t" }))).toBe(child);
    expect(await after.findPosted(item("digest:t:q2", { parentKey: "digest:t" }))).toBeNull();
    expect(await after.findPosted(item("digest:u:q1", { parentKey: "digest:u" }))).toBeNull();
    expect(lonely).not.toBe(parent);
  });

  it("someone else's message with the same footer text is not ours", async () => {
    const other = new DiscordPoster({ token: "t", apiUrl: fake.apiUrl, store, botUserId: () => "123456789012345678", rest: { retries: 0 } });
    await bot.poster.post(item("mine"), null);
    expect(await other.findPosted(item("mine"))).toBeNull();
  });
});

describe("errors the outbox acts on", () => {
  it.each([
    [404, 10003, "Unknown Channel"],
    [403, 50001, "Missing Access"],
    [403, 50013, "Missing Permissions"],
  ])("%i %i %s is ChannelGoneError, posting and looking", async (status, code, message) => {
    fake.failChannel(OTHER_CHANNEL, { status, code, message });
    const gone = outboxItem({ ...channel, channelId: OTHER_CHANNEL }, "gone", alertReply([card(1)]));
    await expect(bot.poster.post(gone, null)).rejects.toBeInstanceOf(ChannelGoneError);
    await expect(bot.poster.findPosted(gone)).rejects.toBeInstanceOf(ChannelGoneError);
  });

  it("a 429 is RateLimitedError with Discord's retry-after, and is not queued", async () => {
    fake.failChannel(OTHER_CHANNEL, { status: 429, retryAfter: 3, times: 1 });
    const busy = outboxItem({ ...channel, channelId: OTHER_CHANNEL }, "busy", alertReply([card(1)]));
    const sent = (): number => fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${OTHER_CHANNEL}/messages`).length;
    const before = sent();
    const error = await bot.poster.post(busy, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error instanceof RateLimitedError && error.retryAfterMs).toBeGreaterThanOrEqual(3000);
    // Not queued: had discord.js waited out the 429 and retried, the retry would have gone through
    // (the failure was for one request) and the post resolved; one request was made, and it failed.
    expect(sent() - before).toBe(1);
    // Next time it goes through.
    await expect(bot.poster.post(busy, null)).resolves.toMatch(/^\d+$/);
  });

  it("a 500 is passed on as it is (transient: the outbox retries)", async () => {
    fake.failChannel(OTHER_CHANNEL, { status: 500, code: 0, times: 1 });
    const error = await bot.poster.post(outboxItem({ ...channel, channelId: OTHER_CHANNEL }, "x", alertReply([card(1)])), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ChannelGoneError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
  });
});

describe("digests within Discord's limits", () => {
  const many = Array.from({ length: 55 }, (_, i) => card(i + 1, { body: `Answer ${i}. ${"The UK has led international action. ".repeat(60)}` }));

  it("a digest of 55 cards is one message within every limit, its mark kept", async () => {
    const message = await alertMessage({ kind: "digest", key: "digest:sub1:2026-11-28", reply: alertReply(many, "Daily digest: 55 new answers for xinjiang") }, store);
    expect(violations(message)).toEqual([]);
    expect(message.embeds.at(-1)?.footer?.text.endsWith(markFor("digest:sub1:2026-11-28"))).toBe(true);
    expect(message.content).toMatch(/\d+ more not shown here; each one is in the thread\./);
  });

  it("the digest and its items post, each within the limits", async () => {
    const parent = await bot.poster.post(item("digest:big", { kind: "digest", reply: alertReply(many, "Daily digest") }), null);
    for (const c of many.slice(0, 3)) await bot.poster.post(item(`digest:big:${c.id}`, { kind: "digest-item", parentKey: "digest:big", reply: alertReply([c]) }), parent);
    expect(fake.messagesIn(CHANNEL_ID)).toHaveLength(1);
    expect(fake.messagesIn(parent)).toHaveLength(3);
    const sent = fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path)).slice(-4);
    expect(sent).toHaveLength(4);
    for (const p of sent) expect(violations(bodyOf(p))).toEqual([]);
  });
});
