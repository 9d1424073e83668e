/**
 * Slack over HTTP: wq's own server binds PORT before the store and index open; /healthz and
 * Slack's /slack/events share it. While the index opens, a slash command is acknowledged and
 * answered "warming up"; once it is ready, the same command gets results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Running } from "../../src/runtime/start.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { health, startGated, type Gate } from "./helpers.ts";

const SECRET = "test-signing-secret";
let fake: FakeSlack;
let running: Running;
let gate: Gate;

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ running, gate } = await startGated({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl }, { slackRetries: 0 }));
});

afterAll(async () => {
  gate.open();
  await running?.stop();
  await fake?.close();
});

const events = () => `http://127.0.0.1:${running.port ?? -1}/slack/events`;

/** The text of the response_url post with this id (blocks and fallback text together). */
async function answer(id: string): Promise<string> {
  await fake.waitFor(() => fake.responsesTo(id).length > 0);
  return JSON.stringify(fake.responsesTo(id)[0]?.body);
}

describe("Slack HTTP bot process", () => {
  it("answers /healthz 503 warming on Slack's port before the index is ready", async () => {
    const h = await health(running.port ?? -1);
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: "warming", questions: 1 });
  });

  it("acknowledges a slash command on the same port and answers that it is warming up", async () => {
    const sent = await sendSigned(events(), SECRET, slashCommandBody("search uighur", fake.responseUrl("warm")), { contentType: FORM });
    expect(sent.status).toBe(200);
    expect(await answer("warm")).toContain("warming up, ready in a moment");
  });

  it("still rejects a request with a bad signature while warming", async () => {
    const sent = await sendSigned(events(), SECRET, slashCommandBody("search uighur", fake.responseUrl("bad")), { contentType: FORM, signature: "v0=00" });
    expect(sent.status).toBe(401);
  });

  it("answers 200 ready and real results once the index is handed over", async () => {
    gate.open();
    await running.ready;
    const h = await health(running.port ?? -1);
    expect(h.status).toBe(200);
    expect(h.body.status).toBe("ready");
    const sent = await sendSigned(events(), SECRET, slashCommandBody("search uighur", fake.responseUrl("ready")), { contentType: FORM });
    expect(sent.status).toBe(200);
    const text = await answer("ready");
    expect(text).toContain("China: Uighurs");
    expect(text).not.toContain("warming up");
  });
});
