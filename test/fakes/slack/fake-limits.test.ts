/**
 * The fake Slack refuses what Slack refuses, with Slack's error codes, so a renderer that sends an
 * over-limit message fails the test that sent it. Driven through the real Web API client.
 */
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { SLACK_DOCUMENTED as D } from "./block-kit.ts";
import { FakeSlack } from "./fake-slack.ts";

let fake: FakeSlack;
let client: WebClient;
beforeAll(async () => {
  fake = await FakeSlack.start();
  client = new WebClient("xoxb-1", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

const section = (n: number) => ({ type: "section", text: { type: "mrkdwn", text: "s".repeat(n) } });
const button = (i: number, label = "b") => ({ type: "button", action_id: `a${i}`, text: { type: "plain_text", text: label }, value: "v" });
const post = (blocks: unknown[], text = "fallback") => client.chat.postMessage({ channel: "C1", text, blocks: blocks as never });

describe("chat.postMessage at each documented limit and one past it", () => {
  const cases: Array<[string, (n: number) => unknown[], number, string]> = [
    ["blocks in a message", (n) => Array.from({ length: n }, () => section(10)), D.messageBlocks, "invalid_blocks"],
    ["section text", (n) => [section(n)], D.sectionText, "invalid_blocks"],
    ["header text", (n) => [{ type: "header", text: { type: "plain_text", text: "h".repeat(n) } }], D.headerText, "invalid_blocks"],
    ["context elements", (n) => [{ type: "context", elements: Array.from({ length: n }, () => ({ type: "mrkdwn", text: "c" })) }], D.contextElements, "invalid_blocks"],
    ["buttons in an actions block", (n) => [{ type: "actions", elements: Array.from({ length: n }, (_, i) => button(i)) }], D.actionsElements, "invalid_blocks"],
    ["button text", (n) => [{ type: "actions", elements: [button(0, "b".repeat(n))] }], D.buttonText, "invalid_blocks"],
    // Four full sections make 12,000 characters of block text; one more character is too many.
    ["block text in all", (n) => [...Array.from({ length: 4 }, () => section(3000)), ...(n > 12_000 ? [section(n - 12_000)] : [])], D.blockText, "msg_blocks_too_long"],
  ];
  test.each(cases)("%s", async (_what, make, limit, error) => {
    await expect(post(make(limit))).resolves.toMatchObject({ ok: true });
    await expect(post(make(limit + 1))).rejects.toMatchObject({ data: { ok: false, error } });
    expect(fake.refused.map((r) => r.error)).toEqual([error]);
    expect(fake.messagesIn("C1")).toHaveLength(1);
  });

  test("text past 40,000 characters is msg_too_long", async () => {
    await expect(post([], "t".repeat(D.textMax))).resolves.toMatchObject({ ok: true });
    await expect(post([], "t".repeat(D.textMax + 1))).rejects.toMatchObject({ data: { error: "msg_too_long" } });
  });

  test("a response_url post over a limit is refused and not recorded as shown", async () => {
    const res = await fetch(fake.responseUrl("r1"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x", blocks: [section(D.sectionText + 1)] }) });
    expect(res.status).toBe(400);
    expect(fake.responsesTo("r1")).toEqual([]);
    expect(fake.refused).toMatchObject([{ method: "respond/r1", error: "invalid_blocks" }]);
  });

  test("a Home tab over 100 blocks is refused", async () => {
    const view = (n: number) => ({ type: "home" as const, blocks: Array.from({ length: n }, () => section(5)) as never });
    await expect(client.views.publish({ user_id: "U1", view: view(D.homeBlocks) })).resolves.toMatchObject({ ok: true });
    await expect(client.views.publish({ user_id: "U1", view: view(D.homeBlocks + 1) })).rejects.toMatchObject({ data: { ok: false } });
  });
});
