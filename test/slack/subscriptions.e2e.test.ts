/**
 * Subscriptions through the real Bolt app: the permission guard (admins and owners, or everyone
 * with WQ_SLACK_OPEN_SUBSCRIPTIONS=true), the context the core gets, the preview's confirm
 * button, and the whole flow with the real core and its alert store, including that one
 * workspace cannot see or change another's subscriptions.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, expectTypeOf, test } from "vitest";
import type { CommandContext } from "../../src/core/core.ts";
import { infoReply, type ActionKind, type Reply } from "../../src/model/reply.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeSlack, type ResponsePost } from "../fakes/slack/fake-slack.ts";
import { fakeCore, type FakeCore } from "../fakes/slack/fake-core.ts";
import { buttonBody, FORM, sendSigned, slashCommandBody, type Who } from "../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { runSlack, SECRET, tokenConfig, type Running } from "./harness.ts";
import { allText, buttons, type Button } from "./message-helpers.ts";

let fake: FakeSlack;
// Whatever a test checks, the platform would have taken every message wq sent (see the fake's limits).
afterEach(() => expect(fake.refused).toEqual([]));
let nextId = 0;

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

async function command(slack: Running, text: string, who: Who = {}): Promise<ResponsePost> {
  const id = `sub${nextId++}`;
  const sent = await sendSigned(slack.url, SECRET, slashCommandBody(text, fake.responseUrl(id), who), { contentType: FORM });
  expect(sent.status).toBe(200);
  await fake.waitFor(() => fake.responsesTo(id).length > 0);
  const post = fake.responsesTo(id)[0];
  if (!post) throw new Error("no response");
  return post;
}

async function click(slack: Running, button: Button, who: Who = {}): Promise<ResponsePost> {
  const id = `click${nextId++}`;
  await sendSigned(slack.url, SECRET, buttonBody({ actionId: button.action_id, value: button.value, responseUrl: fake.responseUrl(id), who }), { contentType: FORM });
  await fake.waitFor(() => fake.responsesTo(id).length > 0);
  const post = fake.responsesTo(id)[0];
  if (!post) throw new Error("no response");
  return post;
}

describe("the guard and the context (recording core)", () => {
  let store: SqliteStore;
  let core: FakeCore;
  let slack: Running;
  let open: Running;
  const preview: Reply = {
    kind: "results",
    title: "Subscribe this channel to xinjiang?",
    text: "In the last 7 days 2 answers matched.",
    cards: [],
    actions: [{ kind: "confirm", label: "Subscribe", style: "primary", effect: "replace", request: { name: "subscribe", text: "xinjiang", confirm: true } }],
    visibility: "private",
  };

  beforeAll(async () => {
    store = new SqliteStore(":memory:");
    core = fakeCore({ run: async (text) => (text.startsWith("subscribe") ? preview : infoReply("ran", text)), execute: async () => infoReply("Subscribed: xinjiang", "ok") });
    slack = await runSlack(core, store, fake);
    open = await runSlack(core, store, fake, { ...tokenConfig(fake), openSubscriptions: true });
  });
  afterAll(async () => {
    await slack.stop();
    await open.stop();
    await store.close();
  });
  const lastCtx = (): CommandContext | undefined => core.runs.at(-1)?.ctx;
  /** What the core would learn asking this context for the permission to manage subscriptions. */
  const manage = (ctx: CommandContext | undefined) => ctx?.permissions?.check("manageSubscriptions");

  test("a subscription command carries workspace, channel, user and the guard's answer", async () => {
    fake.users.set("UADMIN", { is_admin: true });
    await command(slack, "subscribe xinjiang every:daily", { userId: "UADMIN", teamId: "T0001", channelId: "C0042" });
    expect(core.runs.at(-1)?.text).toBe("subscribe xinjiang every:daily");
    expect(lastCtx()).toMatchObject({ platform: "slack", userId: "UADMIN", userName: "alice", workspaceId: "T0001", channelId: "C0042" });
    expect(lastCtx()?.syntax?.("subscribe")).toBe("/wq subscribe");
    expect(await manage(lastCtx())).toEqual({ allowed: true, reason: "workspace admin or owner" });
    expect(fake.callsTo("users.info")[0]?.args.user).toBe("UADMIN");
  });

  test("owners are let through; other members are not, with a reason", async () => {
    fake.users.set("UOWNER", { is_owner: true });
    await command(slack, "pause sub1", { userId: "UOWNER" });
    expect((await manage(lastCtx()))?.allowed).toBe(true);
    await command(slack, "unsubscribe sub1", { userId: "UMEMBER" });
    expect(await manage(lastCtx())).toEqual({ allowed: false, reason: "only workspace admins and owners can manage subscriptions in this workspace" });
  });

  test("a search asks Slack nothing: the guard runs only when the core asks", async () => {
    await command(slack, "search xinjiang", { userId: "UMEMBER2" });
    expect(fake.callsTo("users.info")).toEqual([]);
  });

  test("users.info is asked once per user for a run of commands (cached)", async () => {
    for (const text of ["subscriptions", "resume abc", "subscribe x"]) {
      await command(slack, text, { userId: "UCACHED" });
      await manage(lastCtx());
    }
    expect(fake.callsTo("users.info").filter((c) => c.args.user === "UCACHED")).toHaveLength(1);
  });

  test("users.info failing (no users:read) refuses, saying why", async () => {
    fake.fail("users.info", { error: "missing_scope", extra: { needed: "users:read" } });
    await command(slack, "subscribe x", { userId: "UNOSCOPE" });
    expect(await manage(lastCtx())).toMatchObject({ allowed: false, reason: expect.stringContaining("users:read") });
  });

  test("WQ_SLACK_OPEN_SUBSCRIPTIONS=true lets everyone through without asking Slack", async () => {
    await command(open, "subscribe xinjiang", { userId: "UANYONE" });
    expect(await manage(lastCtx())).toEqual({ allowed: true, reason: "subscriptions are open to everyone in this workspace" });
    expect(fake.callsTo("users.info")).toEqual([]);
  });

  test("the preview's confirm is a button; clicking it runs its request with the guard's answer and replaces the preview", async () => {
    fake.users.set("UADMIN", { is_admin: true });
    const post = await command(slack, "subscribe xinjiang", { userId: "UADMIN" });
    const [confirm] = buttons(post.body);
    if (!confirm) throw new Error("no confirm button");
    expect(confirm.text.text).toBe("Subscribe");
    const answer = await click(slack, confirm, { userId: "UADMIN", channelId: "C0042" });
    expect(core.executes.at(-1)?.request).toEqual({ name: "subscribe", text: "xinjiang", confirm: true });
    expect(core.executes.at(-1)?.ctx).toMatchObject({ workspaceId: "T0001", channelId: "C0042" });
    expect(await manage(core.executes.at(-1)?.ctx)).toMatchObject({ allowed: true });
    expect(answer.body.replace_original).toBe(true);
    expect(allText(answer.body)).toContain("Subscribed: xinjiang");
  });

  test("a button of a kind wq does not know yet still runs its request, by its declared effect", async () => {
    // "snooze" is no ActionKind (checked by the type test below): a kind a newer wq may send.
    expectTypeOf<"snooze">().not.toExtend<ActionKind>();
    const post = await click(slack, { action_id: "wq:snooze:replace:0", value: JSON.stringify({ name: "subscribe", text: "x", confirm: true }), text: { text: "Confirm" } }, { userId: "UMEMBER" });
    expect((await manage(core.executes.at(-1)?.ctx))?.allowed).toBe(false);
    expect(post.body.replace_original).toBe(true);
  });
});

describe("the subscribe flow with the real core", () => {
  let alerts: SeededCore;
  let slack: Running;

  beforeAll(async () => {
    alerts = await seededCore();
    slack = await runSlack(alerts.core, alerts.store, fake);
  });
  afterAll(async () => {
    await slack.stop();
    await alerts.close();
  });
  beforeEach(() => {
    fake.users.set("UADMIN", { is_admin: true });
    fake.users.set("UADMIN2", { is_admin: true });
  });

  test("preview, confirm, list, pause, resume, unsubscribe", async () => {
    const admin = { userId: "UADMIN", teamId: "T0001", channelId: "C0001" };
    const preview = await command(slack, "subscribe xinjiang every:daily", admin);
    expect(allText(preview.body)).toContain("Subscribe this channel to xinjiang?");
    const confirm = buttons(preview.body).find((b) => b.text.text === "Subscribe");
    if (!confirm) throw new Error(`no Subscribe button in ${JSON.stringify(buttons(preview.body))}`);
    const done = await click(slack, confirm, admin);
    expect(done.body.replace_original).toBe(true);
    expect(allText(done.body)).toContain("Subscribed: xinjiang");
    const [sub] = await alerts.alerts.listSubscriptions({ platform: "slack", workspaceId: "T0001" });
    expect(sub).toMatchObject({ query: "xinjiang", cadence: "daily", channel: { platform: "slack", workspaceId: "T0001", channelId: "C0001" }, createdBy: { id: "UADMIN" } });
    const id = sub?.id ?? "";

    expect(allText((await command(slack, "subscriptions", admin)).body)).toContain(`${id}  xinjiang`);
    expect(allText((await command(slack, `pause ${id}`, admin)).body)).toContain("Paused");
    expect((await alerts.alerts.getSubscription(id))?.paused).toBe(true);
    expect(allText((await command(slack, `resume ${id}`, admin)).body)).toContain("Resumed");
    expect(allText((await command(slack, `unsubscribe ${id}`, admin)).body)).toContain("Unsubscribed");
    expect(await alerts.alerts.getSubscription(id)).toBeNull();
  });

  test("a member who is not an admin is refused, by the core, with the guard's reason", async () => {
    const reply = await command(slack, "subscribe xinjiang", { userId: "UMEMBER", channelId: "C0001" });
    expect(allText(reply.body)).toContain("only workspace admins and owners can manage subscriptions");
    expect(await alerts.alerts.listSubscriptions({ platform: "slack", workspaceId: "T0001" })).toEqual([]);
  });

  test("a subscription of workspace A is invisible to workspace B and cannot be changed from there", async () => {
    const a = { userId: "UADMIN", teamId: "T0001", channelId: "C0001" };
    const b = { userId: "UADMIN2", teamId: "T0002", channelId: "C0001" };
    const preview = await command(slack, "subscribe uighurs", a);
    const confirm = buttons(preview.body).find((x) => x.text.text === "Subscribe");
    if (!confirm) throw new Error("no Subscribe button");
    await click(slack, confirm, a);
    const [sub] = await alerts.alerts.listSubscriptions({ platform: "slack", workspaceId: "T0001" });
    const id = sub?.id ?? "missing";
    expect(allText((await command(slack, "subscriptions", b)).body)).not.toContain(id);
    for (const verb of ["pause", "resume", "unsubscribe"]) {
      expect(allText((await command(slack, `${verb} ${id}`, b)).body)).toContain(`No subscription ${id} in this workspace`);
    }
    expect(await alerts.alerts.getSubscription(id)).toMatchObject({ paused: false });
  });
});
