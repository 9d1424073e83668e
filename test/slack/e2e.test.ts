/**
 * The real Bolt app over HTTP with its Web API and response_url pointed at FakeSlack, and the
 * seeded core: signed requests in, acks, response_url posts and Web API calls out.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";
import { FakeSlack, type ResponsePost } from "../fakes/slack/fake-slack.ts";
import { buttonBody, eventBody, FORM, JSON_TYPE, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { BOT_TOKEN, quietLogger, runSlack, SECRET, type Running } from "./harness.ts";
import { allText, buttons, mrkdwnTexts, type Button } from "./message-helpers.ts";

let fake: FakeSlack;
let seeded: SeededCore;
let slack: Running;
let nextId = 0;

beforeAll(async () => {
  fake = await FakeSlack.start();
  seeded = await seededCore();
  slack = await runSlack(seeded.core, seeded.store, fake);
});
afterAll(async () => {
  await slack.stop();
  await fake.close();
  await seeded.close();
});
beforeEach(() => {
  fake.reset();
  quietLogger.errors.length = 0;
});
// Whatever a test checks, Slack would have taken every message wq sent, and no listener failed.
afterEach(() => {
  expect(fake.refused).toEqual([]);
  expect(quietLogger.errors).toEqual([]);
});

/** Sends `/wq <text>` and returns the ack and the first post to its response_url. */
async function command(text: string): Promise<{ status: number; ackBody: string; post: ResponsePost; id: string }> {
  const id = `cmd${nextId++}`;
  const sent = await sendSigned(slack.url, SECRET, slashCommandBody(text, fake.responseUrl(id)), { contentType: FORM });
  await fake.waitFor(() => fake.responsesTo(id).length > 0);
  const post = fake.responsesTo(id)[0];
  if (!post) throw new Error("no response_url post");
  return { status: sent.status, ackBody: sent.text, post, id };
}

async function click(button: Button, options: { noChannel?: boolean; posts?: number } = {}): Promise<{ status: number; id: string; posts: ResponsePost[] }> {
  const id = `click${nextId++}`;
  const body = buttonBody({ actionId: button.action_id, value: button.value, responseUrl: fake.responseUrl(id), ...(options.noChannel ? { noChannel: true } : {}) });
  const sent = await sendSigned(slack.url, SECRET, body, { contentType: FORM });
  return { status: sent.status, id, posts: fake.responsesTo(id) };
}

function find(post: ResponsePost, prefix: string): Button {
  const b = buttons(post.body).find((x) => x.action_id.startsWith(prefix));
  if (!b) throw new Error(`no ${prefix} button`);
  return b;
}

describe("slash command", () => {
  test("acks with an empty 200, then posts ephemeral results with buttons to response_url", async () => {
    const { status, ackBody, post } = await command("search china");
    expect(status).toBe(200);
    expect(ackBody).toBe("");
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.text).toContain("results for china");
    expect(allText(post.body)).toContain("Oppression: China");
    const ids = buttons(post.body).map((b) => b.action_id);
    expect(ids.some((i) => i.startsWith("wq:full:"))).toBe(true);
    expect(ids.some((i) => i.startsWith("wq:share:"))).toBe(true);
  });

  test("help and errors answer too", async () => {
    expect(allText((await command("help")).post.body)).toContain("Query syntax");
    const bad = await command("show nonsense-ref");
    expect(bad.post.body.response_type).toBe("ephemeral");
    expect(bad.post.body.text).toContain("Sorry");
  });

  test("a query of mentions and links comes back inert", async () => {
    const { post } = await command("search <!channel> @here <https://evil|click> <@U123>");
    // Slack parses mentions and links only in mrkdwn (and the `text` fallback): there they are escaped.
    const parsed = mrkdwnTexts(post.body).join("\n");
    expect(parsed).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    expect(parsed).toContain("&lt;!channel&gt;");
    // plain_text (the header) is shown literally by Slack: it keeps the query as typed.
    expect(JSON.stringify(post.body.blocks)).toContain('"type":"plain_text","text":"No results for <!channel>');
  });
});

describe("buttons", () => {
  test("Next replaces the results with the next page, Previous goes back", async () => {
    const first = await command("search status:answered");
    const next = find(first.post, "wq:next:");
    const paged = await click(next);
    expect(paged.status).toBe(200);
    await fake.waitFor(() => fake.responsesTo(paged.id).length > 0);
    const [page2] = fake.responsesTo(paged.id);
    if (!page2) throw new Error("no page 2");
    expect(page2.body.replace_original).toBe(true);
    expect(page2.body.text).toContain("results for status:answered");
    expect(allText(page2.body)).toContain("page 2 of");
    const back = await click(find(page2, "wq:previous:"));
    await fake.waitFor(() => fake.responsesTo(back.id).length > 0);
    expect(allText(fake.responsesTo(back.id)[0]?.body ?? {})).toContain("page 1 of");
  });

  test("Show full answer adds the whole answer as new ephemeral messages", async () => {
    const { post } = await command("search china");
    const sent = await click(find(post, "wq:full:"));
    await fake.waitFor(() => fake.responsesTo(sent.id).length > 0);
    const full = fake.responsesTo(sent.id);
    expect(full.length).toBeLessThanOrEqual(SLACK_LIMITS.responseUrlPosts - 1);
    expect(full[0]?.body.replace_original).toBe(false);
    expect(full[0]?.body.response_type).toBe("ephemeral");
    expect(allText(full[0]?.body ?? {})).toContain("Answer:");
  });

  test("Share posts the card in the channel with chat.postMessage, naming who shared it", async () => {
    const { post } = await command("search china");
    const sent = await click(find(post, "wq:share:"));
    await fake.waitFor(() => fake.callsTo("chat.postMessage").length > 0);
    const [call] = fake.callsTo("chat.postMessage");
    expect(call?.token).toBe(BOT_TOKEN);
    expect(call?.args.channel).toBe("C0001");
    expect(allText(call?.args ?? {})).toContain("Shared by <@U0001>");
    expect(typeof call?.args.text).toBe("string");
    expect(buttons(call?.args ?? {}).map((b) => b.action_id).some((i) => i.startsWith("wq:share:"))).toBe(false);
    expect(fake.responsesTo(sent.id)).toEqual([]);
  });

  test("Share where wq may not post says how to fix it", async () => {
    fake.on("chat.postMessage", () => ({ ok: false, error: "not_in_channel" }));
    const { post } = await command("search china");
    const sent = await click(find(post, "wq:share:"));
    await fake.waitFor(() => fake.responsesTo(sent.id).length > 0);
    expect(allText(fake.responsesTo(sent.id)[0]?.body ?? {})).toContain("/invite @wq");
  });

  test("a button whose value is not a request is refused politely", async () => {
    const sent = await click({ action_id: "wq:next:0", value: '{"name":"drop tables"}', text: { text: "Next" } });
    await fake.waitFor(() => fake.responsesTo(sent.id).length > 0);
    expect(allText(fake.responsesTo(sent.id)[0]?.body ?? {})).toContain("older version of wq");
  });
});

describe("events", () => {
  const url = "https://questions-statements.parliament.uk/written-questions/detail/2024-07-17/227";

  test("an official link unfurls into its question card with chat.unfurl", async () => {
    const event = { type: "link_shared", channel: "C0001", user: "U0001", message_ts: "1700000000.000300", event_ts: "1700000000.000300", is_bot_user_member: true, links: [{ domain: "questions-statements.parliament.uk", url }] };
    const sent = await sendSigned(slack.url, SECRET, eventBody(event), { contentType: JSON_TYPE });
    expect(sent.status).toBe(200);
    await fake.waitFor(() => fake.callsTo("chat.unfurl").length > 0);
    const [call] = fake.callsTo("chat.unfurl");
    expect(call?.args.channel).toBe("C0001");
    expect(call?.args.ts).toBe("1700000000.000300");
    const unfurls = z.record(z.string(), z.object({ blocks: z.array(z.unknown()) })).parse(call?.args.unfurls);
    expect(Object.keys(unfurls)).toEqual([url]);
    expect(JSON.stringify(unfurls[url])).toContain("Oppression: China");
  });

  test("a link to a question wq does not hold is left alone", async () => {
    const other = "https://questions-statements.parliament.uk/written-questions/detail/1999-01-01/1";
    const link = (u: string) => ({ domain: "questions-statements.parliament.uk", url: u });
    const alone = { type: "link_shared", channel: "C0001", user: "U0001", message_ts: "1.2", event_ts: "1.2", is_bot_user_member: true, links: [link(other)] };
    const sent = await sendSigned(slack.url, SECRET, eventBody(alone), { contentType: JSON_TYPE });
    expect(sent.status).toBe(200);
    // The positive signal: a later message holding both links unfurls the held one, and only it.
    const both = { ...alone, message_ts: "1.4", event_ts: "1.4", links: [link(other), link(url)] };
    await sendSigned(slack.url, SECRET, eventBody(both), { contentType: JSON_TYPE });
    await fake.waitFor(() => fake.callsTo("chat.unfurl").length > 0);
    const calls = fake.callsTo("chat.unfurl");
    expect(calls.map((c) => c.args.ts)).toEqual(["1.4"]);
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(calls[0]?.args.unfurls))).toEqual([url]);
  });

  test("opening the Home tab publishes the help with views.publish", async () => {
    const event = { type: "app_home_opened", user: "U0001", channel: "D0001", tab: "home", event_ts: "1.3" };
    await sendSigned(slack.url, SECRET, eventBody(event), { contentType: JSON_TYPE });
    await fake.waitFor(() => fake.callsTo("views.publish").length > 0);
    const [call] = fake.callsTo("views.publish");
    expect(call?.args.user_id).toBe("U0001");
    const view = z.object({ type: z.string(), blocks: z.array(z.unknown()) }).parse(call?.args.view);
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.homeBlocks);
    expect(JSON.stringify(view)).toContain("Query syntax");
  });
});

describe("request verification", () => {
  /**
   * Bolt answers 401 before dispatching anything; a correctly signed command sent afterwards and
   * answered is the positive signal that the app was up and listening when the refused one came.
   */
  async function answeredAfter(): Promise<void> {
    await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("later")), { contentType: FORM });
    await fake.waitFor(() => fake.responsesTo("later").length > 0);
  }

  test("a wrong signature gets 401 and runs nothing", async () => {
    const id = `bad${nextId++}`;
    const sent = await sendSigned(slack.url, SECRET, slashCommandBody("search china", fake.responseUrl(id)), { contentType: FORM, signature: "v0=" + "0".repeat(64) });
    expect(sent.status).toBe(401);
    await answeredAfter();
    expect(fake.responses.map((r) => r.id)).toEqual(["later"]);
    expect(fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  test("a body signed with another secret gets 401", async () => {
    const sent = await sendSigned(slack.url, "other-secret", slashCommandBody("help", fake.responseUrl("x")), { contentType: FORM });
    expect(sent.status).toBe(401);
  });

  test("a correctly signed request older than 5 minutes gets 401 and runs nothing", async () => {
    const id = `old${nextId++}`;
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await sendSigned(slack.url, SECRET, slashCommandBody("search china", fake.responseUrl(id)), { contentType: FORM, timestamp: sixMinutesAgo });
    expect(sent.status).toBe(401);
    await answeredAfter();
    expect(fake.responses.map((r) => r.id)).toEqual(["later"]);
  });
});
