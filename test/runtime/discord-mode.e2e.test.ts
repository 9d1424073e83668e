/**
 * A Discord-only bot (no Slack, so nothing else would bind PORT) serves /healthz from the start:
 * 503 "warming" while its index opens, with commands answered "warming up", then 200 "ready".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Running } from "../../src/runtime/start.ts";
import { APP_ID, FakeDiscord, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { health, startGated, type Gate } from "./helpers.ts";

let fake: FakeDiscord;
let running: Running;
let gate: Gate;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  ({ running, gate } = await startGated({ DISCORD_TOKEN: "fake-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl }, { discordRest: { retries: 0, timeout: 2000 } }));
});

afterAll(async () => {
  gate.open();
  await running?.stop();
  await fake?.close();
});

// The adapter defers first, then edits the answer in.
const editOf = (token: string) => (r: RecordedRequest) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;

describe("Discord-only bot process", () => {
  it("answers /healthz with 503 and status warming before its index is ready, with what the store holds", async () => {
    expect(running.mode).toBe("bot");
    expect(gate.asked).toBe(true);
    const h = await health(running.port ?? -1);
    expect(h.status).toBe(503);
    expect(h.type).toMatch(/^application\/json/);
    // The seed question is in the store already; no sync has run.
    expect(h.body).toEqual({ status: "warming", questions: 1, newestAnswer: "2021-06-15", lastSync: null, lastError: null });
  });

  it("tells someone running a command that it is warming up, rather than leaving them waiting", async () => {
    const { token } = fake.command("search", [{ name: "query", type: 3, value: "uighur" }]);
    const edit = await fake.waitFor(editOf(token));
    expect(JSON.stringify(edit.body)).toContain("warming up, ready in a moment");
  });

  it("answers 200 and status ready once the index is handed over, and searches work", async () => {
    gate.open();
    await running.ready;
    const h = await health(running.port ?? -1);
    expect(h.status).toBe(200);
    expect(h.body.status).toBe("ready");
    const { token } = fake.command("search", [{ name: "query", type: 3, value: "uighur" }]);
    await fake.waitFor(editOf(token));
    const all = fake.byToken(token).map((r) => JSON.stringify(r.body)).join("\n");
    expect(all).toContain("China: Uighurs");
    expect(all).not.toContain("warming up");
  });
});
