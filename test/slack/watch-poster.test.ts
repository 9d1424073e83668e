import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SlackPoster } from "../../src/adapters/slack/poster.ts";
import { infoReply } from "../../src/model/reply.ts";
import { makeItem } from "../store/fixtures.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";

let slack: FakeSlack;
beforeAll(async () => {
  slack = await FakeSlack.start();
});
afterAll(() => slack.close());

it("posts a watch in the thread of a message Slack holds, or in the watcher's DM, and finds either again after a crash", async () => {
  const poster = new SlackPoster({ auth: { kind: "token", botToken: "xoxb-t" }, apiUrl: slack.apiUrl, retries: 0, minIntervalMs: 0 });
  const root = await new webApi.WebClient("xoxb-t", { slackApiUrl: slack.apiUrl }).chat.postMessage({ channel: "C0001", text: "a shared card" });
  const reply = infoReply("Watched question: answered", "x", "public");
  const inThread = makeItem({ key: "watch:thread", kind: "watch", channel: { platform: "slack", workspaceId: "T0001", channelId: "C0001" }, threadMessageId: root.ts!, reply });
  const direct = makeItem({ key: "watch:dm", kind: "watch", channel: { platform: "slack", workspaceId: "T0001", channelId: "U0BOB" }, direct: true, reply });

  expect(await poster.findPosted(inThread)).toBeNull();
  expect(await poster.findPosted(direct)).toBeNull();
  const threadTs = await poster.post(inThread, root.ts!);
  const dmTs = await poster.post(direct, null);
  expect(slack.messagesIn("C0001").find((m) => m.ts === threadTs)?.thread_ts).toBe(root.ts);
  expect(slack.messagesIn("D0BOB").map((m) => m.ts)).toEqual([dmTs]);
  // A new process (no cached DM channel) finds both by their keys.
  const again = new SlackPoster({ auth: { kind: "token", botToken: "xoxb-t" }, apiUrl: slack.apiUrl, retries: 0, minIntervalMs: 0 });
  expect(await again.findPosted(inThread)).toBe(threadTs);
  expect(await again.findPosted(direct)).toBe(dmTs);
});
