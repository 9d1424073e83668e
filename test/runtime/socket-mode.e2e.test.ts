/**
 * Socket Mode end to end: the real Bolt app, started as main starts it (SLACK_APP_TOKEN set),
 * opens a connection through apps.connections.open with the app token, acknowledges a slash
 * command envelope and answers it through response_url; after the fake drops the socket it opens
 * a new connection and answers again. /healthz is served on PORT meanwhile, though Slack needs no
 * port in this mode.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Running } from "../../src/runtime/start.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FakeSocketMode } from "../fakes/slack/fake-socket-mode.ts";
import { SEED_ID } from "../helpers/core.ts";
import { health, startGated, type Gate } from "./helpers.ts";

const APP_TOKEN = "xapp-1-A0001-1-test";
let slack: FakeSlack;
let socket: FakeSocketMode;
let running: Running;
let gate: Gate;

beforeAll(async () => {
  slack = await FakeSlack.start();
  socket = await FakeSocketMode.start(slack);
  ({ running, gate } = await startGated({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl }, { slackRetries: 0 }));
});

afterAll(async () => {
  gate.open();
  await running?.stop();
  await socket?.close();
  await slack?.close();
});

async function answer(id: string): Promise<string> {
  await slack.waitFor(() => slack.responsesTo(id).length > 0);
  return JSON.stringify(slack.responsesTo(id)[0]?.body);
}

describe("Slack in Socket Mode", () => {
  it("connects through apps.connections.open with the app token, not the bot token", () => {
    const opens = slack.callsTo("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(APP_TOKEN);
    expect(socket.connections).toHaveLength(1);
  });

  it("serves /healthz on PORT: 503 warming while the index is held back", async () => {
    const h = await health(running.port ?? -1);
    expect(h.status).toBe(503);
    expect(h.body.status).toBe("warming");
  });

  it("acknowledges a slash command envelope and answers warming up through response_url", async () => {
    const ack = await socket.slashCommand("search uighur", slack.responseUrl("sm-warm"));
    expect(ack.envelope_id).toBe("env-1");
    expect(await answer("sm-warm")).toContain("warming up, ready in a moment");
  });

  it("answers with results once the index is ready", async () => {
    gate.open();
    await running.ready;
    expect((await health(running.port ?? -1)).status).toBe(200);
    await socket.slashCommand("search uighur", slack.responseUrl("sm-ready"));
    expect(await answer("sm-ready")).toContain("China: Uighurs");
  });

  it("reconnects after the socket is dropped, and answers on the new connection", async () => {
    socket.drop();
    // Bolt's client waits its ping timeout (5 s) before reconnecting.
    await socket.waitFor(() => socket.connections.length === 2);
    expect(slack.callsTo("apps.connections.open")).toHaveLength(2);
    const ack = await socket.slashCommand(`show ${SEED_ID}`, slack.responseUrl("sm-again"));
    expect(ack.envelope_id).toBe("env-3");
    expect(await answer("sm-again")).toContain("China: Uighurs");
  }, 30_000);
});
