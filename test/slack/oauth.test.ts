/**
 * Many workspaces: installations kept in the store via getMeta/setMeta. Each workspace's requests
 * use its own bot token, and a restart over the same store keeps them installed.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Installation } from "@slack/bolt";
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
  const stranger = await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("stranger"), { teamId: "T0404" }), { contentType: FORM });
  // Bolt finds no installation: it acks (so Slack shows no timeout error) and dispatches nothing to wq.
  expect(stranger.status).toBe(200);
  // The positive signal: an installed workspace's command sent afterwards is answered.
  await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("member"), { teamId: "T0002" }), { contentType: FORM });
  await fake.waitFor(() => fake.responsesTo("member").length > 0);
  expect(fake.responses.map((r) => r.id)).toEqual(["member"]);
  await slack.stop();
});

test("the OAuth redirect exchanges the code with oauth.v2.access, stores the installation, and the new workspace is answered with its token", async () => {
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  fake.reset();
  fake.on("oauth.v2.access", (args) =>
    args.code === "the-code" && args.client_id === "111.222" && args.client_secret === "client-secret"
      ? {
          ok: true,
          app_id: "A0001",
          authed_user: { id: "U0001" },
          scope: BOT_SCOPES.join(","),
          token_type: "bot",
          access_token: "xoxb-team-three",
          bot_user_id: "UBOT",
          team: { id: "T0003", name: "Team three" },
          enterprise: null,
          is_enterprise_install: false,
        }
      : { ok: false, error: "invalid_code" },
  );
  const base = slack.url.replace("/slack/events", "");
  // /slack/install sets the state cookie of this browser session and names the state to Slack.
  const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
  const state = new URL(install.headers.get("location") ?? "").searchParams.get("state");
  const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(state).toBeTruthy();
  expect(cookie).toContain(state ?? "-");

  const redirect = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state ?? "")}`, { headers: { cookie } });
  expect(redirect.status).toBe(200);
  expect(fake.callsTo("oauth.v2.access")).toHaveLength(1);
  expect(fake.callsTo("oauth.v2.access")[0]?.args).toMatchObject({ code: "the-code", client_id: "111.222", client_secret: "client-secret" });
  // Bolt checks the new token with auth.test before storing the installation.
  expect(fake.callsTo("auth.test").some((c) => c.token === "xoxb-team-three")).toBe(true);

  await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("three"), { teamId: "T0003" }), { contentType: FORM });
  await fake.waitFor(() => fake.responsesTo("three").length > 0);
  const share = JSON.stringify({ name: "show", ref: "1721512", full: false });
  await sendSigned(slack.url, SECRET, buttonBody({ actionId: "wq:share:1", value: share, responseUrl: fake.responseUrl("three-b"), who: { teamId: "T0003" } }), { contentType: FORM });
  await fake.waitFor(() => fake.callsTo("chat.postMessage").length > 0);
  expect(fake.callsTo("chat.postMessage")[0]?.token).toBe("xoxb-team-three");
  await slack.stop();
});

test("a redirect whose state is not this browser session's is refused without exchanging the code", async () => {
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  fake.reset();
  const base = slack.url.replace("/slack/events", "");
  const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
  const state = new URL(install.headers.get("location") ?? "").searchParams.get("state") ?? "";
  const redirect = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`);
  expect(redirect.status).toBeGreaterThanOrEqual(400);
  expect(fake.callsTo("oauth.v2.access")).toEqual([]);
  await slack.stop();
});

test("an org-wide install (Enterprise Grid) answers every workspace of the org with the org's token", async () => {
  const orgWide: Installation<"v2", true> = {
    team: undefined,
    enterprise: { id: "E0001", name: "Org" },
    user: { token: undefined, scopes: undefined, id: "UINSTALLER" },
    bot: { token: "xoxb-org", scopes: ["commands", "chat:write"], id: "B1", userId: "UBOT" },
    appId: "A0001",
    tokenType: "bot",
    isEnterpriseInstall: true,
    authVersion: "v2",
  };
  await storeInstallationStore(seeded.store).storeInstallation(orgWide);
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  fake.reset();
  for (const teamId of ["T0101", "T0102"]) {
    const who = { teamId, enterpriseId: "E0001", orgWide: true };
    await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl(teamId), who), { contentType: FORM });
    await fake.waitFor(() => fake.responsesTo(teamId).length > 0);
    const share = JSON.stringify({ name: "show", ref: "1721512", full: false });
    await sendSigned(slack.url, SECRET, buttonBody({ actionId: "wq:share:1", value: share, responseUrl: fake.responseUrl(`${teamId}b`), who }), { contentType: FORM });
  }
  await fake.waitFor(() => fake.callsTo("chat.postMessage").length === 2);
  expect(fake.callsTo("chat.postMessage").map((c) => c.token)).toEqual(["xoxb-org", "xoxb-org"]);
  await slack.stop();
});

test("a corrupt stored installation costs that workspace its answers and no other", async () => {
  await seeded.store.setMeta("slack:installation:team:T0666", '{"team": {"id": "T0666"}, "bot": "not an object"');
  const slack = await runSlack(seeded.core, seeded.store, fake, oauthConfig());
  fake.reset();
  const corrupt = await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("corrupt"), { teamId: "T0666" }), { contentType: FORM });
  expect(corrupt.status).toBe(200);
  // The positive signal: a healthy workspace's command sent afterwards is answered.
  await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("healthy"), { teamId: "T0002" }), { contentType: FORM });
  await fake.waitFor(() => fake.responsesTo("healthy").length > 0);
  expect(fake.responses.map((r) => r.id)).toEqual(["healthy"]);
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
