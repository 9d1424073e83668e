/** Each listener called directly with the arguments Bolt would pass, and fakes for Slack. */
import type { BlockAction, ButtonAction, RespondArguments, SlashCommand } from "@slack/bolt";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { boltLogger } from "../../src/adapters/slack/logger.ts";
import { appHomeOpened } from "../../src/adapters/slack/listeners/app-home-opened.ts";
import { appUninstalled } from "../../src/adapters/slack/listeners/app-uninstalled.ts";
import { buttonAction, type ButtonArgs } from "../../src/adapters/slack/listeners/button.ts";
import { linkShared } from "../../src/adapters/slack/listeners/link-shared.ts";
import { slashCommand } from "../../src/adapters/slack/listeners/slash-command.ts";
import { subscriptionGuard, type UsersInfoClient } from "../../src/adapters/slack/guards.ts";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";
import type { Question } from "../../src/model/question.ts";
import { errorReply, infoReply } from "../../src/model/reply.ts";
import { fakeCore } from "../fakes/slack/fake-core.ts";
import { quietLogger } from "./harness.ts";
import { allText } from "./message-helpers.ts";
import { card, question } from "./replies.ts";

const logger = boltLogger(quietLogger);

/** ack and respond that record their calls in order. */
function recorder(): { log: string[]; responses: RespondArguments[]; ack: () => Promise<void>; respond: (m: string | RespondArguments) => Promise<Response> } {
  const log: string[] = [];
  const responses: RespondArguments[] = [];
  return {
    log,
    responses,
    ack: async () => void log.push("ack"),
    respond: async (m) => {
      log.push("respond");
      responses.push(typeof m === "string" ? { text: m } : m);
      return new Response("ok");
    },
  };
}

function slash(text: string): SlashCommand {
  return {
    token: "t", command: "/wq", text, response_url: "https://hooks.slack.test/r", trigger_id: "1", user_id: "U0001", user_name: "alice",
    team_id: "T0001", team_domain: "test", channel_id: "C0001", channel_name: "general", api_app_id: "A0001",
  };
}

function click(actionId: string, value: string, channel = true): { action: ButtonAction; body: BlockAction<ButtonAction> } {
  const action: ButtonAction = { type: "button", block_id: "b", action_id: actionId, action_ts: "1", value, text: { type: "plain_text", text: "x" } };
  const body: BlockAction<ButtonAction> = {
    type: "block_actions", actions: [action], team: { id: "T0001", domain: "test" }, user: { id: "U0001", username: "alice", name: "alice" },
    ...(channel ? { channel: { id: "C0001", name: "general" } } : {}),
    token: "t", response_url: "https://hooks.slack.test/r", trigger_id: "1", api_app_id: "A0001", container: {},
  };
  return { action, body };
}

function postClient(result: () => Promise<{ ok: boolean }>): ButtonArgs["client"] & { posts: unknown[] } {
  const posts: unknown[] = [];
  return { posts, chat: { postMessage: async (args) => (posts.push(args), result()) }, users: usersClient().users };
}

/** users.info answering for one admin (UADMIN); records who was asked. */
function usersClient(): UsersInfoClient & { asked: string[] } {
  const asked: string[] = [];
  return { asked, users: { info: async ({ user }) => (asked.push(user), { ok: true, user: { id: user, is_admin: user === "UADMIN", is_owner: false } }) } };
}

const guard = subscriptionGuard(false);

describe("slashCommand", () => {
  test("acks before running the core, then responds with the rendered reply", async () => {
    const core = fakeCore({ run: async () => question(card()) });
    const r = recorder();
    await slashCommand(core, guard)({ command: slash("show 1"), ack: r.ack, respond: r.respond, client: usersClient(), logger });
    expect(r.log).toEqual(["ack", "respond"]);
    expect(core.runs[0]).toMatchObject({ text: "show 1", ctx: { platform: "slack", userId: "U0001", userName: "alice", workspaceId: "T0001", channelId: "C0001" } });
    expect(r.responses[0]?.response_type).toBe("ephemeral");
    expect(allText(r.responses[0])).toContain("China: Uighurs");
  });

  test("a public reply goes in_channel", async () => {
    const r = recorder();
    await slashCommand(fakeCore({ run: async () => infoReply("t", "x", "public") }), guard)({ command: slash("x"), ack: r.ack, respond: r.respond, client: usersClient(), logger });
    expect(r.responses[0]?.response_type).toBe("in_channel");
  });

  test("a core that throws still gets the user an answer", async () => {
    const r = recorder();
    await slashCommand(fakeCore({ run: async () => Promise.reject(new Error("disk on fire")) }), guard)({ command: slash("x"), ack: r.ack, respond: r.respond, client: usersClient(), logger });
    expect(r.log).toEqual(["ack", "respond"]);
    expect(allText(r.responses[0])).toContain("Something went wrong");
  });
});

describe("buttonAction", () => {
  const showFull = JSON.stringify({ name: "show", ref: "1", full: true });

  test("paging replaces the original message", async () => {
    const r = recorder();
    const { action, body } = click("wq:next:3", JSON.stringify({ name: "search", query: "x", page: 2 }));
    const core = fakeCore({ execute: async () => question(card()) });
    await buttonAction(core)({ ack: r.ack, action, body, respond: r.respond, client: postClient(async () => ({ ok: true })), logger });
    expect(core.executes[0]?.request).toEqual({ name: "search", query: "x", page: 2 });
    expect(r.responses[0]).toMatchObject({ replace_original: true, response_type: "ephemeral" });
  });

  test("Show full answer sends new messages, at most four, in order", async () => {
    const r = recorder();
    const { action, body } = click("wq:full:0", showFull);
    const long = card({ body: Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${"text ".repeat(40)}`).join("\n\n") });
    await buttonAction(fakeCore({ execute: async () => question(long) }))({ ack: r.ack, action, body, respond: r.respond, client: postClient(async () => ({ ok: true })), logger });
    expect(r.responses.length).toBe(SLACK_LIMITS.responseUrlPosts - 1);
    for (const m of r.responses) expect(m.replace_original).toBe(false);
    expect(allText(r.responses[0])).toContain("Paragraph 0 ");
  });

  test("share posts with chat.postMessage and says who shared", async () => {
    const r = recorder();
    const client = postClient(async () => ({ ok: true }));
    const { action, body } = click("wq:share:1", JSON.stringify({ name: "show", ref: "1", full: false }));
    await buttonAction(fakeCore({ execute: async () => question(card()) }))({ ack: r.ack, action, body, respond: r.respond, client, logger });
    expect(client.posts).toHaveLength(1);
    expect(allText(client.posts[0])).toContain("Shared by <@U0001>");
    expect(client.posts[0]).toMatchObject({ channel: "C0001", unfurl_links: false });
    expect(r.responses).toEqual([]);
  });

  test("share without a channel, or refused by Slack, explains itself", async () => {
    const noChannel = recorder();
    const a = click("wq:share:1", showFull, false);
    await buttonAction(fakeCore({ execute: async () => question(card()) }))({ ack: noChannel.ack, ...a, respond: noChannel.respond, client: postClient(async () => ({ ok: true })), logger });
    expect(allText(noChannel.responses[0])).toContain("no channel to share to");

    const refused = recorder();
    const b = click("wq:share:1", showFull);
    const failing = postClient(async () => Promise.reject(Object.assign(new Error("An API error occurred: channel_not_found"), { data: { ok: false, error: "channel_not_found" } })));
    await buttonAction(fakeCore({ execute: async () => question(card()) }))({ ack: refused.ack, ...b, respond: refused.respond, client: failing, logger });
    expect(allText(refused.responses[0])).toContain("/invite @wq");
  });

  test("an error reply is shown without replacing the results", async () => {
    const r = recorder();
    const { action, body } = click("wq:next:3", JSON.stringify({ name: "search", query: "x", page: 9 }));
    await buttonAction(fakeCore({ execute: async () => errorReply("page 9 is past the end") }))({ ack: r.ack, action, body, respond: r.respond, client: postClient(async () => ({ ok: true })), logger });
    expect(r.responses[0]).toMatchObject({ replace_original: false });
    expect(allText(r.responses[0])).toContain("past the end");
  });

  test("a tampered value runs nothing", async () => {
    const r = recorder();
    const core = fakeCore();
    const { action, body } = click("wq:next:3", '{"name":"Drop Tables","query":"x"}');
    await buttonAction(core)({ ack: r.ack, action, body, respond: r.respond, client: postClient(async () => ({ ok: true })), logger });
    expect(core.executes).toEqual([]);
    expect(r.log).toEqual(["ack", "respond"]);
  });
});

const QUESTION: Question = {
  id: "1", apiId: 1, uin: "15023", house: "Commons", heading: "China: Uighurs", dateTabled: "2021-06-14", dateForAnswer: null, dateAnswered: "2021-06-21",
  answeringBody: { id: 208, name: "Foreign, Commonwealth and Development Office" }, askingMember: null, answeringMember: null,
  questionText: "To ask…", answerText: "The UK…", answerHtml: null, isHolding: false, dateHoldingAnswer: null, isCorrection: false,
  dateAnswerCorrected: null, originalAnswerText: null, isWithdrawn: false, isNamedDay: false, groupedQuestions: [], attachments: [],
  url: "https://questions-statements.parliament.uk/written-questions/detail/2021-06-14/15023", source: "api", textComplete: true,
};

describe("linkShared", () => {
  test("unfurls the links the core knows, at most five, by channel and ts", async () => {
    const links = Array.from({ length: 8 }, (_, i) => ({ domain: "questions-statements.parliament.uk", url: `https://questions-statements.parliament.uk/written-questions/detail/2021-06-14/${i}` }));
    const core = fakeCore({ resolve: async (ref) => (ref.endsWith("/1") ? null : QUESTION) });
    const calls: unknown[] = [];
    const client = { chat: { unfurl: async (args: unknown) => (calls.push(args), { ok: true }) } };
    const event = { type: "link_shared" as const, channel: "C0001", is_bot_user_member: true, user: "U0001", message_ts: "1.1", links, event_ts: "1.1" };
    await linkShared(core)({ event, client, logger });
    expect(core.resolves).toHaveLength(SLACK_LIMITS.unfurlsPerMessage);
    expect(calls).toHaveLength(1);
    const args = z.object({ channel: z.string(), ts: z.string(), unfurls: z.record(z.string(), z.unknown()) }).parse(calls[0]);
    expect(args.channel).toBe("C0001");
    expect(Object.keys(args.unfurls)).toHaveLength(4);
  });

  test("a link in the composer is unfurled by unfurl_id; nothing known, nothing sent", async () => {
    const calls: unknown[] = [];
    const client = { chat: { unfurl: async (args: unknown) => (calls.push(args), { ok: true }) } };
    const links = [{ domain: "questions-statements.parliament.uk", url: QUESTION.url }];
    const event = { type: "link_shared" as const, channel: "COMPOSER", is_bot_user_member: false, user: "U0001", message_ts: "x", links, event_ts: "1", source: "composer", unfurl_id: "UF1" };
    await linkShared(fakeCore({ resolve: async () => QUESTION }))({ event, client, logger });
    expect(calls[0]).toMatchObject({ source: "composer", unfurl_id: "UF1" });
    await linkShared(fakeCore())({ event, client, logger });
    expect(calls).toHaveLength(1);
  });
});

describe("appHomeOpened", () => {
  test("publishes the core's help on the home tab, and ignores the messages tab", async () => {
    const views: unknown[] = [];
    const client = { views: { publish: async (args: unknown) => (views.push(args), { ok: true }) } };
    const core = fakeCore({ run: async () => infoReply("wq help", "Query syntax: words") });
    const base = { user: "U0001", channel: "D1", event_ts: "1" };
    const body = { token: "t", team_id: "T0001", api_app_id: "A1", type: "event_callback" as const, event_id: "E", event_time: 1, event: { type: "app_home_opened" as const, ...base } };
    await appHomeOpened(core)({ event: { type: "app_home_opened", ...base, tab: "messages" }, body, client, logger });
    expect(views).toEqual([]);
    await appHomeOpened(core)({ event: { type: "app_home_opened", ...base, tab: "home" }, body, client, logger });
    expect(core.runs.at(-1)?.text).toBe("help");
    expect(views[0]).toMatchObject({ user_id: "U0001", view: { type: "home" } });
    expect(allText(views[0])).toContain("Query syntax: words");
  });
});

describe("appUninstalled", () => {
  test("deletes the workspace's installation; ignores user-token revocations", async () => {
    const deleted: unknown[] = [];
    const store = { deleteInstallation: async (q: unknown) => void deleted.push(q) };
    await appUninstalled(store)({ body: { team_id: "T9", event: { type: "tokens_revoked", tokens: { oauth: ["U1"] } } }, logger });
    expect(deleted).toEqual([]);
    await appUninstalled(store)({ body: { team_id: "T9", event: { type: "app_uninstalled" } }, logger });
    expect(deleted).toEqual([{ teamId: "T9", enterpriseId: undefined, isEnterpriseInstall: false }]);
  });
});
