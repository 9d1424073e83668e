/**
 * The whole alerts path with every outside party faked on loopback: the Written Questions API
 * fake serves new answers, `runSync` stores them, alerts match them against subscriptions made
 * through the core's commands, and the real Slack and Discord posters deliver them to the Slack
 * and Discord fakes, on a fake clock. Each answer arrives once; a later correction goes into the
 * thread of the original post; a re-run sync posts nothing again.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { createAlerts, type Alerts } from "../../src/core/alerts/alerts.ts";
import { fixedPermissions, type CommandContext, type Core } from "../../src/core/index.ts";
import { openCore } from "../../src/core/open-core.ts";
import type { SearchEngine } from "../../src/core/search/engine.ts";
import { SqliteAlertStore } from "../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeClock, recordingLogger, syncFromApi } from "../core/alerts/harness.ts";
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from "../fakes/discord/fake-discord.ts";
import { FakeData, FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { runSlack, type Running } from "../slack/harness.ts";

const SLACK_CHANNEL = "C0001";
const slackCtx: CommandContext = {
  platform: "slack",
  userId: "U1",
  userName: "alice",
  workspaceId: "T0001",
  channelId: SLACK_CHANNEL,
  permissions: fixedPermissions({ manageSubscriptions: true }),
};
const discordCtx: CommandContext = { ...slackCtx, platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID };

let clock: FakeClock;
let parliament: FakeParliament;
let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let slack: Running;
let discord: DiscordHandle;
let store: SqliteStore;
let core: Core;
let index: SearchEngine;
let alerts: Alerts;
const logger = recordingLogger();

async function subscribe(text: string, ctx: CommandContext): Promise<void> {
  const preview = await core.run(`subscribe ${text}`, ctx);
  const confirm = preview.actions.find((a) => a.kind === "confirm");
  expect(confirm, preview.text).toBeDefined();
  expect((await core.execute(confirm!.request, ctx)).title).toMatch(/^Subscribed/);
}

/** A sync of May 2026 as the bot runs it, then one delivery round. */
async function syncAndDeliver(): Promise<void> {
  await syncFromApi({ store, index, alerts }, parliament.url, clock.now, "2026-05-01");
  await alerts.tick();
}

const slackPosts = () => slackFake.messagesIn(SLACK_CHANNEL);
const keysOf = (posts: Array<{ metadata?: { event_payload: Record<string, unknown> } }>): unknown[] =>
  posts.map((m) => m.metadata?.event_payload["key"]);

beforeAll(async () => {
  clock = new FakeClock(Date.parse("2026-05-14T08:00:00Z"));
  parliament = await startFakeParliament({ data: new FakeData(FIXTURES_DIR) });
  slackFake = await FakeSlack.start();
  discordFake = await FakeDiscord.start();
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "wq-e2e-")), "wq.db"), clock.now);
  const alertStore = new SqliteAlertStore(store.db);
  ({ core, index } = await openCore({ store, alertStore, now: clock.now }));
  slack = await runSlack(core, store, slackFake);
  discord = await startDiscord({
    core,
    store,
    config: { token: "t", applicationId: APP_ID, apiUrl: discordFake.apiUrl },
    logger,
    rest: { retries: 0, timeout: 30_000 },
  });
  alerts = createAlerts({ store, alertStore, posters: [slack.poster, discord.poster], now: clock.now, logger, delivery: { sleep: clock.sleep } });
  await alerts.catchUp();
});

afterAll(async () => {
  await alerts?.stop();
  await discord?.stop();
  await slack?.stop();
  await Promise.all([parliament?.close(), slackFake?.close(), discordFake?.close()]);
  await store?.close();
});

describe("alerts from the API to the channels", () => {
  it("posts each new matching answer once, naming every subscription of the channel it matched", async () => {
    await subscribe("railways", slackCtx);
    await subscribe('"rolling stock"', slackCtx);
    await subscribe("dept:dft every:daily", discordCtx);

    clock.set("2026-05-21T12:00:00Z");
    await syncAndDeliver();
    const posts = slackPosts();
    // 9100006 "Railways: Rolling Stock" matches both; 9100004 is a holding answer (no status:holding).
    expect(posts).toHaveLength(1);
    const text = (posts[0]!.blocks as Array<{ text?: { text?: string } }>).map((b) => b.text?.text ?? "").join("\n");
    expect(text).toContain("Railways: Rolling Stock");
    expect(text).toMatch(/^Matches subscriptions .*\w+ \("rolling stock"\)/m);
    expect(text).toMatch(/^Matches subscriptions .*\w+ \(railways\)/m);
    // Nothing for the digest before its time.
    expect(discordFake.messagesIn(CHANNEL_ID)).toEqual([]);
  });

  it("sends the daily digest at 09:00 London time with every item in its thread", async () => {
    clock.set("2026-05-22T07:59:00Z");
    await alerts.tick();
    expect(discordFake.messagesIn(CHANNEL_ID)).toEqual([]);
    clock.set("2026-05-22T08:00:30Z"); // 09:00 BST
    await alerts.tick();
    const top = discordFake.messagesIn(CHANNEL_ID);
    expect(top).toHaveLength(1);
    const thread = discordFake.messagesIn(String(top[0]!["id"]));
    // Answered 9100003 and 9100006, and 9100005 answered on the 15th and corrected on the 20th.
    expect(thread.length).toBeGreaterThanOrEqual(3);
    const headings = JSON.stringify(thread);
    for (const h of ["Bus Services: Timetables", "Railways: Rolling Stock", "Level Crossings"]) expect(headings).toContain(h);
    expect(headings).not.toContain("Motorways: Speed Limits"); // answered before the subscription
  });

  it("posts nothing again when the same window is synced again", async () => {
    const before = { slack: slackPosts().length, discord: discordFake.requests.filter((r) => r.method === "POST").length };
    clock.set("2026-05-22T12:00:00Z");
    await syncAndDeliver();
    expect(slackPosts()).toHaveLength(before.slack);
    expect(discordFake.requests.filter((r) => r.method === "POST").length).toBe(before.discord);
  });

  it("puts a correction in the thread of the original post", async () => {
    const original = slackPosts()[0]!;
    const served = parliament.data.items.get(9100006)!;
    parliament.setItem({
      ...served,
      answerIsCorrection: true,
      dateAnswerCorrected: "2026-05-25T00:00:00",
      answerText: "Corrected: the average age of rolling stock is 17 years.",
    });
    clock.set("2026-05-25T12:00:00Z");
    await syncAndDeliver();
    const replies = slackPosts().filter((m) => m.thread_ts === original.ts && m.ts !== original.ts);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.blocks)).toContain("Corrected");
    expect(new Set(keysOf(slackPosts())).size).toBe(slackPosts().length);
  });
});
