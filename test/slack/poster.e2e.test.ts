/**
 * The Slack poster from the running adapter (startSlack's handle) against FakeSlack: posts with
 * metadata, threads, finding a post by its key after a crash, errors mapped for the outbox, the
 * per-channel spacing, OAuth tokens per workspace, and a 55-card digest within Slack's limits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { alertMessage, SlackPoster } from "../../src/adapters/slack/poster.ts";
import { storeInstallationStore } from "../../src/adapters/slack/installation-store.ts";
import type { WqBlock } from "../../src/adapters/slack/render.ts";
import { ChannelGoneError, RateLimitedError, type ChannelRef } from "../../src/model/alerts.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { fakeCore } from "../fakes/slack/fake-core.ts";
import { checkMessage } from "./check-message.ts";
import { BOT_TOKEN, runSlack, type Running } from "./harness.ts";
import { installation } from "./installations.ts";
import { allText } from "./message-helpers.ts";
import { alertReply, outboxItem } from "./outbox-items.ts";
import { card } from "./replies.ts";

let fake: FakeSlack;
// Whatever a test checks, the platform would have taken every message wq sent (see the fake's limits).
afterEach(() => expect(fake.refused).toEqual([]));
let slack: Running;
let store: SqliteStore;
const channel: ChannelRef = { platform: "slack", workspaceId: "T0001", channelId: "C0001" };

beforeAll(async () => {
  fake = await FakeSlack.start();
  store = new SqliteStore(":memory:");
  slack = await runSlack(fakeCore(), store, fake);
});
afterAll(async () => {
  await slack.stop();
  await fake.close();
  await store.close();
});
beforeEach(() => fake.reset());

const item = (key: string, over: Parameters<typeof outboxItem>[3] = {}) => outboxItem(channel, key, alertReply([card()]), over);

describe("posting", () => {
  test("posts the rendered reply publicly with the key in message metadata", async () => {
    const ts = await slack.poster.post(item("instant:q1"), null);
    const [call] = fake.callsTo("chat.postMessage");
    expect(call?.token).toBe(BOT_TOKEN);
    expect(call?.args).toMatchObject({ channel: "C0001", metadata: { event_type: "wq_alert", event_payload: { key: "instant:q1" } }, unfurl_links: "false" });
    expect(call?.args.thread_ts).toBeUndefined();
    expect(allText(call?.args.blocks)).toContain("China: Uighurs");
    expect(fake.messagesIn("C0001").map((m) => m.ts)).toEqual([ts]);
    // Only "Show full answer" stays: a channel post has no Share or paging.
    expect(JSON.stringify(call?.args.blocks)).toContain("wq:full:");
    expect(JSON.stringify(call?.args.blocks)).not.toContain("wq:share:");
  });

  test("an item with a parent goes into the parent's thread", async () => {
    const parent = await slack.poster.post(item("digest:sub1:2026-11-28", { kind: "digest" }), null);
    const child = await slack.poster.post(item("digest:sub1:2026-11-28:q1", { kind: "digest-item", parentKey: "digest:sub1:2026-11-28" }), parent);
    const [, reply] = fake.callsTo("chat.postMessage");
    expect(reply?.args.thread_ts).toBe(parent);
    expect(fake.messagesIn("C0001").find((m) => m.ts === child)?.thread_ts).toBe(parent);
  });

  test("posts to one channel are spaced; other channels do not wait", async () => {
    // A clock that only moves when the poster waits on it (or the test moves it); each wait is recorded.
    let t = 1_000_000;
    const waits: number[] = [];
    const keys = (): string[] => fake.callsTo("chat.postMessage").map((c) => JSON.stringify(c.args.metadata).match(/"key":"([^"]+)"/)?.[1] ?? "?");
    const clock = { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)) };
    const spaced = new SlackPoster({ auth: { kind: "token", botToken: BOT_TOKEN }, apiUrl: fake.apiUrl, retries: 0, minIntervalMs: 300, clock });
    const other: ChannelRef = { ...channel, channelId: "C0002" };
    await Promise.all([spaced.post(item("a"), null), spaced.post(item("b"), null), spaced.post(outboxItem(other, "c", alertReply([card()])), null)]);
    // One wait, the second post to C0001 held for the whole interval; C0002's post waited for nothing.
    expect(waits).toEqual([300]);
    expect(keys().sort()).toEqual(["a", "b", "c"]);
    // Once the interval has passed, the channel's next post goes at once.
    t += 300;
    await spaced.post(item("d"), null);
    expect(waits).toEqual([300]);
    expect(keys()).toContain("d");
  });
});

describe("finding a post after a crash", () => {
  test("a fresh poster finds a top-level post by its key, and nothing for a key never posted", async () => {
    await slack.poster.post(item("other"), null);
    const ts = await slack.poster.post(item("instant:q2"), null);
    await slack.poster.post(item("later"), null);
    // "Crash": a new poster, knowing nothing but the outbox item.
    const after = new SlackPoster({ auth: { kind: "token", botToken: BOT_TOKEN }, apiUrl: fake.apiUrl, retries: 0 });
    expect(await after.findPosted(item("instant:q2"))).toBe(ts);
    expect(await after.findPosted(item("never"))).toBeNull();
    const [history] = fake.callsTo("conversations.history");
    expect(history?.args).toMatchObject({ channel: "C0001", include_all_metadata: "true" });
  });

  test("a thread item is found in its parent's thread", async () => {
    const parent = await slack.poster.post(item("digest:p", { kind: "digest" }), null);
    const child = await slack.poster.post(item("digest:p:q1", { kind: "digest-item", parentKey: "digest:p" }), parent);
    expect(await slack.poster.findPosted(item("digest:p:q1", { parentKey: "digest:p" }))).toBe(child);
    expect(await slack.poster.findPosted(item("digest:p:q2", { parentKey: "digest:p" }))).toBeNull();
    expect(fake.callsTo("conversations.replies")[0]?.args).toMatchObject({ ts: parent, include_all_metadata: "true" });
    // Without its parent in the channel, a thread item cannot have been posted.
    expect(await slack.poster.findPosted(item("digest:x:q1", { parentKey: "digest:x" }))).toBeNull();
    // A parent whose thread Slack does not know: nothing in it either.
    fake.fail("conversations.replies", { error: "thread_not_found", times: 1 });
    expect(await slack.poster.findPosted(item("digest:p:q1", { parentKey: "digest:p" }))).toBeNull();
  });
});

describe("errors the outbox acts on", () => {
  test.each(["channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked", "missing_scope"])(
    "%s is ChannelGoneError",
    async (error) => {
      fake.fail("chat.postMessage", { error });
      await expect(slack.poster.post(item("gone"), null)).rejects.toBeInstanceOf(ChannelGoneError);
      fake.fail("conversations.history", { error });
      await expect(slack.poster.findPosted(item("gone"))).rejects.toBeInstanceOf(ChannelGoneError);
    },
  );

  test("a 429 is RateLimitedError with Slack's Retry-After, not retried by the client", async () => {
    fake.fail("chat.postMessage", { error: "ratelimited", status: 429, retryAfter: 7 });
    const error = await slack.poster.post(item("busy"), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error instanceof RateLimitedError && error.retryAfterMs).toBe(7000);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  test("anything else is passed on as it is (transient: the outbox retries)", async () => {
    fake.fail("chat.postMessage", { error: "internal_error", times: 1 });
    const error = await slack.poster.post(item("x"), null).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ChannelGoneError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect(await slack.poster.post(item("x"), null)).toMatch(/^\d+\.\d+$/);
  });

  test("only the failing channel fails", async () => {
    fake.fail("chat.postMessage", { error: "channel_not_found", channel: "CGONE" });
    await expect(slack.poster.post(outboxItem({ ...channel, channelId: "CGONE" }, "g", alertReply([card()])), null)).rejects.toBeInstanceOf(ChannelGoneError);
    await expect(slack.poster.post(item("fine"), null)).resolves.toMatch(/\d/);
  });
});

describe("OAuth installs", () => {
  test("each workspace's alerts go out with its own bot token; an uninstalled one is gone", async () => {
    const installs = storeInstallationStore(store);
    await installs.storeInstallation(installation("T0002", "xoxb-team-two"));
    const poster = new SlackPoster({ auth: { kind: "oauth", clientId: "1", clientSecret: "s", stateSecret: "x".repeat(16) }, installations: installs, apiUrl: fake.apiUrl, retries: 0 });
    await poster.post(outboxItem({ ...channel, workspaceId: "T0002" }, "k", alertReply([card()])), null);
    expect(fake.callsTo("chat.postMessage")[0]?.token).toBe("xoxb-team-two");
    await expect(poster.post(outboxItem({ ...channel, workspaceId: "T0404" }, "k", alertReply([card()])), null)).rejects.toBeInstanceOf(ChannelGoneError);
  });
});

describe("digests within Slack's limits", () => {
  const many = Array.from({ length: 55 }, (_, i) =>
    card({ id: String(i), title: `Question ${i}: China: Uighurs`, body: `Answer ${i}. ${"The UK has led international efforts. ".repeat(40)}` }),
  );

  test("a digest of 55 cards renders as one message within the limits, saying the rest are in the thread", () => {
    const message = alertMessage({ kind: "digest", reply: alertReply(many, "Daily digest: 55 new answers for xinjiang") });
    checkMessage(message);
    expect(allText(message.blocks)).toMatch(/\d+ more not shown here; each one is in the thread\./);
  });

  test("posted to the fake, the digest and each item (a thread message each) are accepted", async () => {
    const parent = await slack.poster.post(item("digest:d", { kind: "digest", reply: alertReply(many, "Daily digest") }), null);
    for (const c of many.slice(0, 3)) {
      await slack.poster.post(item(`digest:d:${c.id}`, { kind: "digest-item", parentKey: "digest:d", reply: alertReply([c]) }), parent);
    }
    const posts = fake.callsTo("chat.postMessage");
    expect(posts).toHaveLength(4);
    for (const p of posts) checkMessage({ text: String(p.args.text), blocks: p.args.blocks as WqBlock[] });
  });
});
