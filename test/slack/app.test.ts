/**
 * The Bolt app builds in each configured mode without touching the network, its Web API client
 * pointed at the configured API URL, holding the bot token only in single-workspace mode (with
 * OAuth each workspace's token comes from the installation store).
 */
import { expect, test } from "vitest";
import { createSlackApp } from "../../src/adapters/slack/index.ts";
import { fakeCore } from "../fakes/slack/fake-core.ts";
import { seededCore } from "../helpers/core.ts";
import { quietLogger } from "./harness.ts";

const apiUrl = "http://127.0.0.1:9/api/";

test("Socket Mode, single token over HTTP, and OAuth all build, each client on the configured API with the right token", async () => {
  const { store, close } = await seededCore();
  const core = fakeCore();
  const socket = createSlackApp({ core, store, logger: quietLogger, config: { auth: { kind: "token", botToken: "xoxb-1" }, mode: { kind: "socket", appToken: "xapp-1" }, apiUrl } });
  const http = createSlackApp({ core, store, logger: quietLogger, config: { auth: { kind: "token", botToken: "xoxb-1" }, mode: { kind: "http", signingSecret: "s", port: 0 }, apiUrl } });
  const oauth = createSlackApp({
    core,
    store,
    logger: quietLogger,
    config: { auth: { kind: "oauth", clientId: "1.2", clientSecret: "c", stateSecret: "s".repeat(16) }, mode: { kind: "http", signingSecret: "s", port: 0 }, apiUrl },
  });
  for (const app of [socket, http, oauth]) expect(app.client.slackApiUrl).toBe(apiUrl);
  expect(socket.client.token).toBe("xoxb-1");
  expect(http.client.token).toBe("xoxb-1");
  expect(oauth.client.token).toBeUndefined();
  await close();
});
