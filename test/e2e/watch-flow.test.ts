/**
 * Watches, grouped answers and notify: end to end, every outside party faked on loopback: the
 * Written Questions API fake serves each new version of a question, `runSync` stores it, alerts
 * match it, and the real Slack and Discord posters deliver to the Slack and Discord fakes, on a
 * fake clock. A process is killed (its store closed with posts owed) and a new one opened over the
 * same file, as a restart would.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { REST, Routes } from "discord.js";
import { startDiscord } from "../../src/adapters/discord/index.ts";
import { buildMessage } from "../../src/adapters/discord/render.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordMentionResolver, restGuildDirectory } from "../../src/adapters/discord/mentions.ts";
import { DiscordPoster } from "../../src/adapters/discord/poster.ts";
import { slackMentionResolver } from "../../src/adapters/slack/mentions.ts";
import { SlackPoster } from "../../src/adapters/slack/poster.ts";
import { createAlerts, type Alerts } from "../../src/core/alerts/alerts.ts";
import { fixedPermissions, type CommandContext, type Core } from "../../src/core/index.ts";
import { openCore } from "../../src/core/open-core.ts";
import type { SearchEngine } from "../../src/core/search/engine.ts";
import { SqliteAlertStore } from "../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeClock, recordingLogger, syncFromApi } from "../core/alerts/harness.ts";
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, USER_ID } from "../fakes/discord/fake-discord.ts";
import { FakeData, FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FORM, sendSigned } from "../fakes/slack/signed-request.ts";
import { renderReply } from "../../src/adapters/slack/render.ts";
import { runSlack, SECRET } from "../slack/harness.ts";
import { buttons } from "../slack/message-helpers.ts";

const SLACK_CHANNEL = "C0001";
const BOT_TOKEN = "xoxb-test-token";
const ROLE = "777777777777777777";

let clock: FakeClock;
let parliament: FakeParliament;
let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let file: string;
const logger = recordingLogger();

/** One running wq: store, core, index, alerts and both posters, as main builds them. */
interface Process {
  store: SqliteStore;
  core: Core;
  index: SearchEngine;
  alerts: Alerts;
  close(): Promise<void>;
}
let p: Process;

async function open(): Promise<Process> {
  const store = new SqliteStore(file, clock.now);
  const alertStore = new SqliteAlertStore(store.db);
  const { core, index } = await openCore({ store, alertStore, now: clock.now, searchWorker: false });
  const slackPoster = new SlackPoster({
    auth: { kind: "token", botToken: BOT_TOKEN },
    apiUrl: slackFake.apiUrl,
    retries: 0,
    clock: { now: () => clock.now().getTime(), sleep: clock.sleep },
  });
  const discordPoster = new DiscordPoster({ token: "t", apiUrl: discordFake.apiUrl, store, rest: { retries: 0, timeout: 30_000 } });
  const alerts = createAlerts({ store, alertStore, posters: [slackPoster, discordPoster], now: clock.now, logger, delivery: { sleep: clock.sleep } });
  await alerts.catchUp();
  return { store, core, index, alerts, close: () => store.close() };
}

const slackCtx = (): CommandContext => ({
  platform: "slack",
  userId: "U0ADA",
  userName: "ada",
  workspaceId: "T0001",
  channelId: SLACK_CHANNEL,
  permissions: fixedPermissions({ manageSubscriptions: true }),
  resolveMentions: slackMentionResolver(new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slackFake.apiUrl, retryConfig: { retries: 0 } })),
});
const discordCtx = (): CommandContext => ({
  ...slackCtx(),
  platform: "discord",
  userId: USER_ID,
  workspaceId: GUILD_ID,
  channelId: CHANNEL_ID,
  resolveMentions: discordMentionResolver(restGuildDirectory(new REST({ api: discordFake.apiUrl, retries: 0 }).setToken("t"), GUILD_ID)),
});

async function subscribe(text: string, ctx: CommandContext): Promise<void> {
  const saved = await p.core.execute({ name: "subscribe", text, confirm: true }, ctx);
  expect(saved.title, saved.text).toMatch(/^Subscribed/);
}

/** A sync of May 2026 as the bot runs it; `deliver: false` dies before any delivery round. */
async function sync(options: { deliver?: boolean } = {}): Promise<void> {
  await syncFromApi(p, parliament.url, clock.now, "2026-05-01");
  if (options.deliver !== false) await p.alerts.tick();
}

/** Changes what the API serves for one question. */
function serve(id: number, patch: Record<string, unknown>): void {
  parliament.setItem({ ...parliament.data.items.get(id)!, ...patch });
}

type SlackMessage = ReturnType<FakeSlack["messagesIn"]>[number];
const slackText = (m: SlackMessage): string => `${m.text}\n${JSON.stringify(m.blocks)}`;
const keyOf = (m: SlackMessage): unknown => m.metadata?.event_payload["key"];

beforeAll(async () => {
  clock = new FakeClock(Date.parse("2026-05-14T08:00:00Z"));
  parliament = await startFakeParliament({ data: new FakeData(FIXTURES_DIR) });
  slackFake = await FakeSlack.start();
  slackFake.usergroups = [{ id: "S0HEALTH", handle: "health-team", name: "Health team" }];
  discordFake = await FakeDiscord.start();
  discordFake.roles = [
    { id: GUILD_ID, name: "@everyone" },
    { id: ROLE, name: "transport-team" },
  ];
  // A third question tabled on the 15th by another member, held (unanswered) from the first sync
  // that covers that day, as questions are long before they are answered together.
  parliament.setItem({ ...parliament.data.items.get(9100008)!, id: 9100009, uin: "1009", askingMemberId: 9002, heading: "Railways: Electrification" });
  file = join(mkdtempSync(join(tmpdir(), "wq-watch-e2e-")), "wq.db");
  p = await open();
  await sync();
});

afterAll(async () => {
  await p?.alerts.stop();
  await p?.close();
  await Promise.all([parliament?.close(), slackFake?.close(), discordFake?.close()]);
});

describe("a watched question, end to end", () => {
  let shared: string;

  it("gets its holding answer, then its answer, each once, in the thread it was watched from and in a DM", async () => {
    // A card shared into the channel: the public message the Watch button is pressed on.
    const posted = await new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slackFake.apiUrl }).chat.postMessage({ channel: SLACK_CHANNEL, text: "Buses: Electric Vehicles" });
    shared = posted.ts!;
    // The Watch button on that message: the adapter says which message it was pressed on.
    const inThread = await p.core.execute({ name: "watch", ref: "9100001" }, { ...slackCtx(), message: { id: shared, public: true } });
    expect(inThread.text).toContain("in the thread of the message it was watched from");
    const privately = await p.core.run("watch 2026-05-11/1001", discordCtx());
    expect(privately.text).toContain("to you directly");
    // Typed in Slack: the answer is private, so the watch writes to the person (a DM).
    expect((await p.core.run("watch 9100001", { ...slackCtx(), userId: "U0BOB", userName: "bob" })).text).toContain("to you directly");

    serve(9100001, { dateAnswered: "2026-05-18T00:00:00", answerIsHolding: true, dateHoldingAnswer: "2026-05-18T00:00:00", answerText: "I will reply as soon as possible." });
    clock.set("2026-05-18T12:00:00Z");
    await sync();
    serve(9100001, { dateAnswered: "2026-05-20T00:00:00", answerIsHolding: false, answerText: "We will fund 12 electric buses in 2026.", answeringMemberId: 9002 });
    clock.set("2026-05-20T12:00:00Z");
    await sync();
    await sync(); // the same window again: nothing new

    const thread = slackFake.messagesIn(SLACK_CHANNEL).filter((m) => m.thread_ts === shared);
    expect(thread.map((m) => /Watched question: (holding answer|answered)/.exec(slackText(m))?.[1])).toEqual(["holding answer", "answered"]);
    const dm = discordFake.dmChannels.get(USER_ID)!;
    expect(discordFake.messagesIn(dm).map((m) => JSON.stringify(m).match(/Watched question: (holding answer|answered)/)?.[1])).toEqual(["holding answer", "answered"]);
    expect(slackFake.messagesIn("D0BOB").map((m) => /Watched question: (holding answer|answered)/.exec(slackText(m))?.[1])).toEqual(["holding answer", "answered"]);
  });

  it("gets a correction with its word diff once after the process is killed with it owed and started again", async () => {
    serve(9100001, {
      answerIsCorrection: true,
      dateAnswerCorrected: "2026-05-22T00:00:00",
      originalAnswerText: "We will fund 12 electric buses in 2026.",
      answerText: "We will fund 14 electric buses in 2027.",
    });
    clock.set("2026-05-22T12:00:00Z");
    await sync({ deliver: false }); // matched and in the outbox, then the process dies
    await p.alerts.stop();
    await p.close();
    p = await open();
    await p.alerts.tick();
    await sync();

    const thread = slackFake.messagesIn(SLACK_CHANNEL).filter((m) => m.thread_ts === shared);
    expect(thread).toHaveLength(3);
    expect(slackText(thread[2]!)).toContain("Watched question: the answer was corrected");
    expect(slackText(thread[2]!)).toContain("We will fund ~12~ *14* electric buses in ~2026~ *2027*.");
    const dm = discordFake.messagesIn(discordFake.dmChannels.get(USER_ID)!);
    expect(dm).toHaveLength(3);
    expect(JSON.stringify(dm[2])).toContain("We will fund ~~12~~ **14** electric buses in ~~2026~~ **2027**.");
    expect(slackFake.messagesIn("D0BOB")).toHaveLength(3);
    const keys = [...slackFake.messagesIn(SLACK_CHANNEL), ...slackFake.messagesIn("D0BOB")].map(keyOf).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("questions answered together", () => {
  it("make one post naming every UIN and asker, however many of them match", async () => {
    await subscribe("electrification", slackCtx());
    const together = (uin: string, others: string[]) => ({
      groupedQuestions: others,
      groupedQuestionsDates: others.map((u) => ({ questionUin: u, dateTabled: u === "1002" ? "2026-05-11T00:00:00" : "2026-05-15T00:00:00" })),
      dateAnswered: "2026-05-26T00:00:00",
      answerText: "Rail electrification will continue on all three lines.",
      answeringMemberId: 9002,
      heading: `Railways: Electrification (${uin})`,
    });
    serve(9100002, { ...together("1002", ["1008", "1009"]) });
    serve(9100008, { ...together("1008", ["1002", "1009"]) });
    serve(9100009, together("1009", ["1002", "1008"]));
    clock.set("2026-05-26T12:00:00Z");
    const before = slackFake.messagesIn(SLACK_CHANNEL).length;
    await sync();
    const posts = slackFake.messagesIn(SLACK_CHANNEL).slice(before);
    expect(posts).toHaveLength(1);
    expect(slackText(posts[0]!)).toContain("Answered together (3 questions): 1002 (Alex Example), 1008 (Alex Example), 1009 (Sam Minister).");
  });
});

describe("notify:", () => {
  it("pings the subscription's Slack group and Discord role on its posts, and nothing else pings anyone", async () => {
    await subscribe("freight notify:@health-team", slackCtx());
    await subscribe("crossings", slackCtx());
    await subscribe(`freight notify:<@&${ROLE}>`, discordCtx());
    const slackBefore = slackFake.messagesIn(SLACK_CHANNEL).length;
    const discordBefore = discordFake.requests.length;
    serve(9100004, { dateAnswered: "2026-05-27T00:00:00", answerIsHolding: false, answerText: "Rail freight grew by 3% this year." });
    serve(9100005, { answerIsCorrection: true, dateAnswerCorrected: "2026-05-27T00:00:00", originalAnswerText: "Level crossings were inspected.", answerText: "All level crossings were inspected." });
    clock.set("2026-05-27T12:00:00Z");
    await sync();

    const slackPosts = slackFake.messagesIn(SLACK_CHANNEL).slice(slackBefore);
    const freight = slackPosts.filter((m) => slackText(m).includes("Rail freight"));
    const others = slackPosts.filter((m) => !slackText(m).includes("Rail freight"));
    expect(freight).toHaveLength(1);
    expect(freight[0]!.text.startsWith("<!subteam^S0HEALTH> ")).toBe(true);
    expect(others.length).toBeGreaterThan(0);
    for (const m of [...others, ...slackFake.messagesIn(SLACK_CHANNEL).slice(0, slackBefore)]) expect(slackText(m)).not.toMatch(/<!subteam|<@U|<!channel|<!here/);

    const bodies = discordFake.requests.slice(discordBefore).filter((r) => r.method === "POST" && /\/messages$/.test(r.path)).map((r) => r.body as Record<string, unknown>);
    const pinging = bodies.filter((b) => JSON.stringify(b.allowed_mentions) !== JSON.stringify({ parse: [] }));
    expect(pinging.map((b) => b.allowed_mentions)).toEqual([{ parse: [], roles: [ROLE] }]);
    expect(String(pinging[0]!.content).startsWith(`<@&${ROLE}>`)).toBe(true);
    const all = discordFake.requests.filter((r) => r.method === "POST" && /\/messages$/.test(r.path)).map((r) => r.body as Record<string, unknown>);
    expect(all.filter((b) => /<@/.test(String(b.content)))).toHaveLength(1);
  });
});

describe("the Watch button", () => {
  it("pressed on a card in a Slack channel, follows the question in that card's thread", async () => {
    const slack = await runSlack(p.core, p.store, slackFake);
    try {
      slackFake.users.set("U0ADMIN", { is_admin: true });
      // 9100006 was answered on the 20th: a watch now waits for corrections.
      const card = renderReply(await p.core.execute({ name: "show", ref: "9100006", full: false, shared: true }, slackCtx()));
      const posted = await new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slackFake.apiUrl }).chat.postMessage({ channel: SLACK_CHANNEL, ...card });
      const watchButton = buttons(card).find((b) => b.text.text === "Watch")!;
      const payload = {
        type: "block_actions",
        team: { id: "T0001", domain: "test" },
        user: { id: "U0ADMIN", username: "admin", name: "admin", team_id: "T0001" },
        api_app_id: "A0001",
        token: "legacy-verification-token",
        container: { type: "message", message_ts: posted.ts, channel_id: SLACK_CHANNEL, is_ephemeral: false },
        message: { type: "message", ts: posted.ts, text: card.text },
        channel: { id: SLACK_CHANNEL, name: "general" },
        trigger_id: "1.2.3",
        response_url: slackFake.responseUrl("watch-click"),
        actions: [{ type: "button", action_id: watchButton.action_id, block_id: "b1", text: { type: "plain_text", text: "Watch" }, value: watchButton.value, action_ts: "1.2" }],
      };
      const sent = await sendSigned(slack.url, SECRET, "payload=" + encodeURIComponent(JSON.stringify(payload)), { contentType: FORM });
      expect(sent.status).toBe(200);
      await slackFake.waitFor(() => slackFake.responsesTo("watch-click").length > 0);
      const answer = slackFake.responsesTo("watch-click")[0]!.body;
      expect(JSON.stringify(answer)).toContain("in the thread of the message it was watched from");
      expect(answer["response_type"]).toBe("ephemeral");

      serve(9100006, { answerIsCorrection: true, dateAnswerCorrected: "2026-05-28T00:00:00", originalAnswerText: "The average age is 16 years.", answerText: "The average age is 17 years." });
      clock.set("2026-05-28T12:00:00Z");
      await sync();
      const thread = slackFake.messagesIn(SLACK_CHANNEL).filter((m) => m.thread_ts === posted.ts);
      expect(thread).toHaveLength(1);
      expect(slackText(thread[0]!)).toContain("The average age is ~16~ *17* years.");
    } finally {
      await slack.stop();
    }
  });
});

describe("the Watch button in Discord", () => {
  it("pressed on a message in a channel by a member who manages it, follows the question in a thread from that message", async () => {
    const discord = await startDiscord({ core: p.core, store: p.store, config: { token: "t", applicationId: APP_ID, apiUrl: discordFake.apiUrl }, logger, rest: { retries: 0, timeout: 30_000 } });
    try {
      // 9100003 was answered on the 19th; a card of it posted in the channel carries Watch.
      const card = await buildMessage(await p.core.execute({ name: "show", ref: "9100003", full: false, shared: true }, discordCtx()), p.store);
      const posted = (await new REST({ api: discordFake.apiUrl, retries: 0 }).setToken("t").post(Routes.channelMessages(CHANNEL_ID), { body: { content: card.content, embeds: card.embeds, components: card.components } })) as Record<string, unknown>;
      const watchButton = card.components.flatMap((row) => row.components).find((b) => "label" in b && b.label === "Watch")!;
      const manager = { user: { id: USER_ID, username: "ada", discriminator: "0", global_name: null, avatar: null }, roles: [], joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, permissions: String(1024 + 2048 + 16) };
      const { token } = discordFake.interaction({ type: 3, data: { custom_id: "custom_id" in watchButton ? watchButton.custom_id : "", component_type: 2 }, message: posted, member: manager });
      const edit = await discordFake.waitFor((r) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`);
      expect(JSON.stringify(edit.body)).toContain("in the thread of the message it was watched from");

      serve(9100003, { answerIsCorrection: true, dateAnswerCorrected: "2026-05-29T00:00:00", originalAnswerText: "Timetables change in May.", answerText: "Timetables change in June." });
      parliament.setDetail({ id: 9100003, answerText: "Timetables change in June." }); // the detail endpoint's full text agrees
      clock.set("2026-05-29T12:00:00Z");
      await sync();
      const thread = discordFake.messagesIn(String(posted["id"]));
      expect(thread).toHaveLength(1);
      expect(JSON.stringify(thread[0])).toContain("Timetables change in ~~May~~ **June**.");
    } finally {
      await discord.stop();
    }
  });
});
