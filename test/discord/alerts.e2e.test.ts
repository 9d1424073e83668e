/**
 * `/wq-alerts` through the real discord.js client and the fake: the Manage Channels guard (checked
 * again at run time, refused outside servers), the context the core gets, the preview's confirm
 * button, and the whole flow with the real core and its alert store, including that one server
 * cannot see or change another's subscriptions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { violations } from "./violations.ts";
import type { CommandContext, Core } from "../../src/core/core.ts";
import { infoReply, type Reply } from "../../src/model/reply.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, USER_ID, type Invoker, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const MANAGE_CHANNELS = "16";
const ADMINISTRATOR = "8";
const OTHER_GUILD = "999999999999999999";

interface SentMessage {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  flags?: number;
}

let fake: FakeDiscord;
// Whatever a test checks, the platform would have taken every message wq sent (see the fake's limits).
afterEach(() => expect(fake.refused).toEqual([]));
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
});

const isEdit = (token: string) => (r: RecordedRequest) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
const isFollowUp = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path === `/webhooks/${APP_ID}/${token}`;
const isCallback = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path.endsWith(`/${token}/callback`);
const body = (r: RecordedRequest): SentMessage => r.body as SentMessage;
const shown = (m: SentMessage): string => [m.content, ...(m.embeds ?? []).flatMap((e) => [e.title, e.description])].join("\n");
const buttonsOf = (m: SentMessage) => (m.components ?? []).flatMap((row) => row.components);

async function alerts(who: Invoker, sub: string, options: Array<{ name: string; type: number; value: string }> = []): Promise<SentMessage> {
  const { token } = fake.commandAs(who, "wq-alerts", sub, options);
  expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
  const edit = body(await fake.waitFor(isEdit(token)));
  expect(violations(edit)).toEqual([]);
  return edit;
}

const str = (name: string, value: string) => ({ name, type: 3, value });

describe("the guard and the context (recording core)", () => {
  const runs: Array<{ text: string; ctx: CommandContext }> = [];
  /** What the core would learn asking this context for the permission to manage subscriptions. */
  const manage = (ctx: CommandContext | undefined) => ctx?.permissions?.check("manageSubscriptions");
  const executes: Array<{ ctx: CommandContext }> = [];
  const preview: Reply = {
    kind: "results",
    title: "Subscribe this channel to xinjiang?",
    text: "In the last 7 days 2 answers matched.",
    cards: [],
    actions: [{ kind: "confirm", label: "Subscribe", style: "primary", effect: "replace", request: { name: "subscribe", text: "xinjiang every:daily", confirm: true } }],
    visibility: "private",
  };
  const core: Core = {
    run: async (text, ctx) => (runs.push({ text, ctx }), text.startsWith("subscribe") ? preview : infoReply("ran", text)),
    execute: async (_request, ctx) => (executes.push({ ctx }), infoReply("Subscribed: xinjiang", "ok")),
    resolve: async () => null,
    card: () => {
      throw new Error("not used");
    },
  };
  let bot: DiscordHandle;
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(":memory:");
    bot = await startDiscord({ core, store, config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 30_000 } });
  });
  afterAll(async () => {
    await bot.stop();
    await store.close();
  });

  it("subscribe with Manage Channels: the core gets the text, the server, the channel and 'allowed'", async () => {
    await alerts({ permissions: MANAGE_CHANNELS }, "subscribe", [str("query", "xinjiang"), str("every", "daily"), str("at", "08:30")]);
    expect(runs.at(-1)).toMatchObject({
      text: "subscribe xinjiang every:daily at:08:30",
      ctx: { platform: "discord", userId: USER_ID, userName: "alice", workspaceId: GUILD_ID, channelId: CHANNEL_ID },
    });
    expect(await manage(runs.at(-1)?.ctx)).toEqual({ allowed: true, reason: "has Manage Channels" });
    expect(runs.at(-1)?.ctx.syntax?.("subscribe")).toBe("/wq-alerts subscribe");
  });

  it("Administrator implies Manage Channels; a member without it is refused with a reason", async () => {
    await alerts({ permissions: ADMINISTRATOR }, "pause", [str("id", "ab12")]);
    expect(runs.at(-1)?.text).toBe("pause ab12");
    expect((await manage(runs.at(-1)?.ctx))?.allowed).toBe(true);
    await alerts({ permissions: "0" }, "unsubscribe", [str("id", "ab12")]);
    expect(await manage(runs.at(-1)?.ctx)).toEqual({ allowed: false, reason: "you need the Manage Channels permission in this channel" });
  });

  it("outside a server the guard refuses", async () => {
    await alerts({ dm: true }, "list");
    expect(runs.at(-1)?.text).toBe("subscriptions");
    expect(await manage(runs.at(-1)?.ctx)).toMatchObject({ allowed: false, reason: expect.stringContaining("server channels") });
    expect(runs.at(-1)?.ctx.workspaceId).toBeUndefined();
  });

  it("the preview's confirm button runs its request with the clicker's permission, replacing the preview", async () => {
    const edit = await alerts({ permissions: MANAGE_CHANNELS }, "subscribe", [str("query", "xinjiang"), str("every", "daily")]);
    const confirm = buttonsOf(edit).find((b) => b.label === "Subscribe");
    if (!confirm) throw new Error("no Subscribe button");
    const { token } = fake.clickAs({ permissions: "0" }, confirm.custom_id);
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 6 });
    expect(shown(body(await fake.waitFor(isEdit(token))))).toContain("Subscribed: xinjiang");
    expect((await manage(executes.at(-1)?.ctx))?.allowed).toBe(false);
  });

  it("a button replacing its message runs its request, whatever command it names", async () => {
    const { token } = fake.clickAs({ permissions: MANAGE_CHANNELS }, 'wq:r:{"name":"subscribe","text":"x","confirm":true}');
    await fake.waitFor(isEdit(token));
    expect((await manage(executes.at(-1)?.ctx))?.allowed).toBe(true);
  });
});

describe("the subscribe flow with the real core", () => {
  let core: SeededCore;
  let bot: DiscordHandle;
  beforeAll(async () => {
    core = await seededCore();
    bot = await startDiscord({ core: core.core, store: core.store, config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 30_000 } });
  });
  afterAll(async () => {
    await bot.stop();
    await core.close();
  });

  async function subscribe(who: Invoker, query: string): Promise<string> {
    const preview = await alerts(who, "subscribe", [str("query", query)]);
    expect(shown(preview)).toContain(`Subscribe this channel to ${query}?`);
    const confirm = buttonsOf(preview).find((b) => b.label === "Subscribe");
    if (!confirm) throw new Error(`no Subscribe button in ${JSON.stringify(buttonsOf(preview))}`);
    const { token } = fake.clickAs(who, confirm.custom_id);
    const done = body(await fake.waitFor(isEdit(token)));
    expect(shown(done)).toContain(`Subscribed: ${query}`);
    expect(buttonsOf(done)).toEqual([]);
    const subs = await core.alerts.listSubscriptions({ platform: "discord", workspaceId: who.guildId ?? GUILD_ID });
    const sub = subs.find((s) => s.query === query);
    if (!sub) throw new Error("not subscribed");
    return sub.id;
  }

  it("preview, confirm, list, pause, resume, unsubscribe", async () => {
    const mod = { permissions: MANAGE_CHANNELS };
    const id = await subscribe(mod, "xinjiang");
    expect(await core.alerts.getSubscription(id)).toMatchObject({ channel: { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID }, cadence: "instant" });
    expect(shown(await alerts(mod, "list"))).toContain(`${id}  xinjiang`);
    expect(shown(await alerts(mod, "pause", [str("id", id)]))).toContain("Paused");
    expect(shown(await alerts(mod, "resume", [str("id", id)]))).toContain("Resumed");
    expect(shown(await alerts(mod, "unsubscribe", [str("id", id)]))).toContain("Unsubscribed");
    expect(await core.alerts.getSubscription(id)).toBeNull();
  });

  it("a member without Manage Channels is refused by the core with the guard's reason", async () => {
    const preview = await alerts({ permissions: "0" }, "subscribe", [str("query", "uighurs")]);
    expect(shown(preview)).toContain("you need the Manage Channels permission in this channel");
    expect(await core.alerts.listSubscriptions({ platform: "discord", workspaceId: GUILD_ID })).toEqual([]);
  });

  it("a subscription of one server is invisible to another and cannot be changed from there", async () => {
    const id = await subscribe({ permissions: MANAGE_CHANNELS }, "uighurs");
    const other = { permissions: MANAGE_CHANNELS, guildId: OTHER_GUILD };
    expect(shown(await alerts(other, "list"))).not.toContain(id);
    for (const verb of ["pause", "resume", "unsubscribe"]) {
      expect(shown(await alerts(other, verb, [str("id", id)]))).toContain(`No subscription ${id} in this workspace`);
    }
    expect(await core.alerts.getSubscription(id)).toMatchObject({ paused: false });
  });

  it("a refused confirm keeps the preview and says why, privately", async () => {
    const preview = await alerts({ permissions: MANAGE_CHANNELS }, "subscribe", [str("query", "housing")]);
    const confirm = buttonsOf(preview).find((b) => b.label === "Subscribe");
    if (!confirm) throw new Error("no Subscribe button");
    const { token } = fake.clickAs({ permissions: "0" }, confirm.custom_id);
    const note = body(await fake.waitFor(isFollowUp(token)));
    expect(note.flags).toBe(64);
    expect(shown(note)).toContain("Manage Channels");
    expect(fake.byToken(token).some((r) => r.method === "PATCH")).toBe(false);
  });
});
