/**
 * The real discord.js Client against the local fake: log in, become ready, receive interactions,
 * and check every callback, edit and follow-up the adapter sends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import type { DiscordConfig } from "../../src/adapters/discord/config.ts";
import { violations } from "./violations.ts";
import type { Store } from "../../src/store/store.ts";
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, USER_ID, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { SEED_ID, seededCore } from "../helpers/core.ts";
import { FAILING_QUERY, recording, type RecordingCore } from "./recording-core.ts";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

interface SentMessage {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; color?: number }>;
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  allowed_mentions?: unknown;
  flags?: number;
}

let fake: FakeDiscord;
// Whatever a test checks, the platform would have taken every message wq sent (see the fake's limits).
afterEach(() => expect(fake.refused).toEqual([]));
let store: Store;
let core: RecordingCore;
let closeCore: () => Promise<void>;
let bot: DiscordHandle;
let config: DiscordConfig;

const start = () => startDiscord({ core, store, config, logger: quiet, rest: { retries: 0, timeout: 30_000 } });

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const seeded = await seededCore();
  store = seeded.store;
  core = recording(seeded.core);
  closeCore = seeded.close;
  config = { token: "fake-token", applicationId: APP_ID, apiUrl: fake.apiUrl };
  bot = await start();
});

afterAll(async () => {
  await bot.stop();
  await fake.close();
  await closeCore();
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path.endsWith(`/${token}/callback`);
const isEdit = (token: string) => (r: RecordedRequest) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
const isFollowUp = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path === `/webhooks/${APP_ID}/${token}`;
const body = (r: RecordedRequest): SentMessage => r.body as SentMessage;
const buttons = (m: SentMessage) => (m.components ?? []).flatMap((row) => row.components);
const button = (m: SentMessage, label: string): string => {
  const b = buttons(m).find((x) => x.label === label);
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(buttons(m).map((x) => x.label))}`);
  return b.custom_id;
};

/** Runs `/wq search` and returns the edited message. */
async function search(query: string): Promise<SentMessage> {
  const { token } = fake.command("search", [{ name: "query", type: 3, value: query }]);
  return body(await fake.waitFor(isEdit(token)));
}

describe("Discord adapter end to end", () => {
  it("logs in through the fake gateway with the token", () => {
    expect(fake.identifies[0]).toMatchObject({ token: "fake-token", intents: 0 });
    expect(fake.requests.some((r) => r.path === "/gateway/bot" && r.headers.authorization === "Bot fake-token")).toBe(true);
  });

  it("/wq search: defers privately, then edits in the results with buttons and no mentions", async () => {
    const { id, token } = fake.command("search", [{ name: "query", type: 3, value: "@everyone <@&1> xinjiang" }]);
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.path).toBe(`/interactions/${id}/${token}/callback`);
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    // The query comes back in the reply, escaped: no mass mention, no role mention.
    const shown = [edit.content, ...(edit.embeds ?? []).flatMap((e) => [e.title, e.description])].join("\n");
    expect(shown).toContain("@\u200beveryone \\<@&1\\> xinjiang");
    expect(shown).not.toMatch(/@everyone|<@&1>/);
    expect(violations(edit)).toEqual([]);
    expect(core.calls.at(-1)).toMatchObject({
      request: { name: "search", query: "@everyone <@&1> xinjiang", page: 1 },
      ctx: { platform: "discord", userId: USER_ID, userName: "alice", workspaceId: GUILD_ID, channelId: CHANNEL_ID },
    });
  });

  it("the fake answers callbacks 204 with no JSON content type, as Discord does", async () => {
    const response = await fetch(`${fake.apiUrl}/v10/interactions/1/t/callback`, { method: "POST", body: "{}" });
    expect(response.status).toBe(204);
    expect(response.headers.get("content-type")).toBeNull();
  });

  it.each([
    ["show", [{ name: "ref", type: 3, value: SEED_ID }], "China: Uighurs"],
    ["latest", [{ name: "count", type: 4, value: 2 }], undefined],
    ["help", [], "wq: UK Parliament written questions and answers"],
    ["status", [], undefined],
  ] as const)("/wq %s answers privately", async (sub, options, title) => {
    const { token } = fake.command(sub, [...options]);
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(edit.embeds?.length).toBeGreaterThan(0);
    if (title) expect(edit.embeds?.[0]?.title).toBe(title);
    if (sub === "latest") expect(edit.embeds).toHaveLength(2);
    expect(violations(edit)).toEqual([]);
  });

  it("a subcommand this version does not know gets the core's one-line answer, privately", async () => {
    const { token } = fake.command("frobnicate");
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.embeds?.[0]?.color).toBe(0xd4351c);
    expect(edit.embeds?.[0]?.description).toContain('Unknown command "frobnicate"');
    expect(violations(edit)).toEqual([]);
  });

  it("autocompletes departments after dept:", async () => {
    const { token } = fake.autocomplete("search", "query", "visas dept:home");
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body).toMatchObject({ type: 8, data: { choices: [{ name: 'visas dept:"Home Office"', value: 'visas dept:"Home Office"' }] } });
  });

  it("Next turns the page in place", async () => {
    const first = await search("government");
    expect(first.content).toContain("page 1 of 2");
    const { token } = fake.click(button(first, "Next"));
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 6 });
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.content).toContain("page 2 of 2");
    expect(buttons(edit).map((b) => b.label)).toContain("Previous");
    expect(edit.allowed_mentions).toEqual({ parse: [] });
  });

  it("Full answer opens a new private message", async () => {
    const first = await search("uighurs");
    const { token } = fake.click(button(first, "2. Show full answer"));
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.embeds?.[0]?.title).toBe("China: Uighurs");
    expect(edit.embeds?.[0]?.description).toContain("Xinjiang");
    expect(core.calls.at(-1)?.request).toEqual({ name: "show", ref: SEED_ID, full: true });
  });

  it("Share posts the card publicly, saying who shared it, pinging no one", async () => {
    const first = await search("uighurs");
    const { token } = fake.click(button(first, "2. Share to channel"));
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 6 });
    const post = body(await fake.waitFor(isFollowUp(token)));
    expect(post.content).toBe(`Shared by <@${USER_ID}>`);
    expect(post.flags ?? 0).toBe(0);
    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(post.embeds?.[0]?.title).toBe("China: Uighurs");
    expect(violations(post)).toEqual([]);
    // Only "full answer" stays on a public card: sharing again from the channel makes no sense.
    expect(buttons(post).map((b) => b.label)).toEqual(["Show full answer"]);
  });

  it("a share that fails tells only the person who clicked", async () => {
    const { token } = fake.click('wq:s:{"name":"show","ref":"2099-01-01/999999","full":false}');
    const post = body(await fake.waitFor(isFollowUp(token)));
    expect(post.flags).toBe(64);
    expect(post.content ?? "").not.toContain("Shared by");
    expect(post.embeds?.[0]?.color).toBe(0xd4351c);
  });

  it("an unknown button gets a private note, not silence", async () => {
    const { token } = fake.click("wq:n#doesnotexist0000000000");
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(JSON.stringify(callback.body)).toContain("no longer works");
  });

  it("a core failure is reported privately", async () => {
    const { token } = fake.command("search", [{ name: "query", type: 3, value: FAILING_QUERY }]);
    const post = body(await fake.waitFor(isFollowUp(token)));
    expect(post.flags).toBe(64);
    expect(post.content).toContain("Something went wrong");
  });

  it("a button still works after the adapter restarts with a new Client", async () => {
    // A query long enough that its Next button lives in the store, not in the custom_id.
    const query = "tabled:>2000-01-01 answered:>2000-01-01 sort:newest house:commons";
    const first = await search(query);
    const next = button(first, "Next");
    expect(next).toMatch(/^wq:r#/);
    await bot.stop();
    const identified = fake.identifies.length;
    bot = await start();
    expect(fake.identifies.length).toBe(identified + 1);
    const { token } = fake.click(next);
    const edit = body(await fake.waitFor(isEdit(token)));
    expect(edit.content).toContain("page 2 of 2");
    expect(core.calls.at(-1)?.request).toEqual({ name: "search", query, page: 2 });
  });
});
