/**
 * Many workspaces: installations kept in the store via getMeta/setMeta. Each workspace's requests
 * use its own bot token, and a restart over the same store keeps them installed.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SlackConfig } from "../../src/adapters/slack/config.ts";
import { storeInstallationStore } from "../../src/adapters/slack/installation-store.ts";
import { BOT_SCOPES } from "../../src/adapters/slack/scopes.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { buttonBody, FORM, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { runSlack, SECRET } from "./harness.ts";
import { installation } from "./installations.ts";

let fake: FakeSlack;
let seeded: SeededCore;

beforeAll(async () => {
  fake = await FakeSlack.start();
  seeded = await seededCore();
  await storeInstallationStore(seeded.store).storeInstallation(installation("T0002", "xoxb-team-two"));
});
afterAll(async () => {
  await fake.close();
  await seeded.close();
});

function oauthConfig(): SlackConfig {
  return {
    auth: { kind: "oauth", clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret-of-some-length" },
    mode: { kind: "http", signingSecret: SECRET, port: 0 },
    apiUrl: fake.apiUrl,
    secretKey: "an-oauth-test-secret-key-of-32-characters",
  };
}

test("an installed workspace is answered and shares with its own token, also after a restart", async () => {
  for (const round of [1, 2]) {
    const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
    fake.reset();
    const id = `oauth${round}`;
    const ack = await sendSigned(slack.url, SECRET, slashCommandBody("search china", fake.responseUrl(id), { teamId: "T0002" }), { contentType: FORM });
    expect(ack.status).toBe(200);
    await fake.waitFor(() => fake.responsesTo(id).length > 0);

    const share = { action_id: "wq:share:1", value: JSON.stringify({ name: "show", ref: "1721512", full: false }) };
    await sendSigned(slack.url, SECRET, buttonBody({ actionId: share.action_id, value: share.value, responseUrl: fake.responseUrl(`${id}b`), who: { teamId: "T0002" } }), { contentType: FORM });
    await fake.waitFor(() => fake.callsTo("chat.postMessage").length > 0);
    expect(fake.callsTo("chat.postMessage")[0]?.token).toBe("xoxb-team-two");
    await slack.stop();
  }
});

test("a workspace that never installed wq gets no answer", async () => {
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  fake.reset();
  await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("stranger"), { teamId: "T0404" }), { contentType: FORM });
  await new Promise((r) => setTimeout(r, 150));
  expect(fake.responses).toEqual([]);
  await slack.stop();
});

test("/slack/install sends the admin to Slack's consent page with wq's scopes", async () => {
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  const res = await fetch(slack.url.replace("/slack/events", "/slack/install"), { redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "");
  expect(location.host).toBe("slack.com");
  expect(location.searchParams.get("client_id")).toBe("111.222");
  expect(location.searchParams.get("scope")?.split(",")).toEqual([...BOT_SCOPES]);
  await slack.stop();
});
