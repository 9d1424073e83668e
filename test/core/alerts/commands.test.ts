import { beforeEach, describe, expect, it } from "vitest";
import { COMMANDS, fixedPermissions, helpReply, parseCommand } from "../../../src/core/index.ts";
import { parseSubscribeText } from "../../../src/core/commands/subscriptions.ts";
import { discordSyntax } from "../../../src/adapters/discord/commands/index.ts";
import { answeredAbout, ctx, subscribe, worldEachTest } from "./harness.ts";

const NOW = "2026-11-27T12:00:00.000Z";

describe("subscription commands", () => {
  const t = worldEachTest(NOW);
  beforeEach(async () => {
    const questions = [
      ...["2026-11-27", "2026-11-24", "2026-11-21"].map((d) => answeredAbout("Xinjiang", d)),
      ...["2026-11-20", "2026-11-10", "2026-11-01", "2026-10-30", "2026-10-29"].map((d) => answeredAbout("Xinjiang", d)),
      ...["2026-10-28", "2026-10-01"].map((d) => answeredAbout("Xinjiang", d)),
      answeredAbout("Xinjiang", "2026-11-26", { isHolding: true, dateHoldingAnswer: "2026-11-26" }),
      answeredAbout("Potholes", "2026-11-26"),
    ];
    await t.p.store.upsertQuestions(questions);
    t.p.index.upsert(questions);
  });

  it("parses the commands and the every:/at: options", () => {
    const request = (text: string): unknown => {
      const parsed = parseCommand(COMMANDS, text);
      return parsed.ok ? parsed.call.request : parsed.message;
    };
    expect(request("subscribe xinjiang every:daily")).toEqual({ name: "subscribe", text: "xinjiang every:daily", confirm: false });
    expect(request("subscriptions")).toEqual({ name: "subscriptions" });
    expect(request("pause 4F2A")).toEqual({ name: "pause", id: "4f2a" });
    expect(parseCommand(COMMANDS, "unsubscribe").ok).toBe(false);
    expect(parseSubscribeText('"forced labour" dept:fcdo every:weekly at:7:30')).toEqual({
      ok: true,
      query: '"forced labour" dept:fcdo',
      cadence: "weekly",
      at: "07:30",
    });
    expect(parseSubscribeText("xinjiang")).toMatchObject({ cadence: "instant", at: "09:00" });
    expect(parseSubscribeText("xinjiang every:hourly")).toMatchObject({ ok: false });
    expect(parseSubscribeText("xinjiang every:daily at:25:00")).toMatchObject({ ok: false });
    expect(parseSubscribeText("xinjiang at:08:00")).toMatchObject({ ok: false });
  });

  it("previews counts for the last 7 and 30 days with up to 3 examples and a confirm action, saving nothing", async () => {
    const reply = await t.p.core.run("subscribe xinjiang every:daily", ctx());
    expect(reply.kind).toBe("results");
    expect(reply.text).toContain("In the last 7 days 3 answers matched; in the last 30 days 8.");
    expect(reply.text).toContain("First digest: Mon 30 Nov, 09:00");
    expect(reply.text).not.toContain("Warning");
    expect(reply.cards).toHaveLength(3);
    expect(reply.actions).toEqual([{ kind: "confirm", label: "Subscribe", style: "primary", effect: "replace", request: { name: "subscribe", text: "xinjiang every:daily", confirm: true } }]);
    expect(await t.p.alertStore.listSubscriptions({ platform: "slack", workspaceId: "T1" })).toEqual([]);
  });

  it("warns when a query would post more than about 20 a day", async () => {
    const busy = Array.from({ length: 200 }, (_, i) => answeredAbout("Busy topic", `2026-11-2${1 + (i % 7)}`));
    await t.p.store.upsertQuestions(busy);
    t.p.index.upsert(busy);
    const reply = await t.p.core.run("subscribe busy", ctx());
    expect(reply.text).toMatch(/Warning: about \d+ a day/);
    expect(reply.text).toContain("every:daily");
  });

  it("saves on confirm, once, and lists it with who, when, last post and recent matches", async () => {
    const saved = await t.p.core.execute({ name: "subscribe", text: "xinjiang every:daily at:08:30", confirm: true }, ctx());
    expect(saved.title).toBe("Subscribed: xinjiang");
    const again = await t.p.core.execute({ name: "subscribe", text: "xinjiang every:daily at:08:30", confirm: true }, ctx());
    expect(again.title).toBe("Already subscribed");
    const subs = await t.p.alertStore.listSubscriptions({ platform: "slack", workspaceId: "T1", channelId: "C1" });
    expect(subs).toEqual([
      {
        id: "s1",
        channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
        query: "xinjiang",
        cadence: "daily",
        at: "08:30",
        createdBy: { id: "U1", name: "Ada" },
        createdAt: NOW,
        paused: false,
        pausedReason: null,
        lastPostAt: null,
      },
    ]);
    const list = await t.p.core.run("subscriptions", ctx({ permissions: fixedPermissions({ manageSubscriptions: { allowed: false, reason: "only admins" } }) }));
    expect(list.title).toBe("1 subscription in this channel");
    expect(list.text).toContain("s1  xinjiang");
    expect(list.text).toContain("daily digest, working days at 08:30 · this channel · by Ada, 27 November 2026 · nothing posted yet · 3 matches in the last 7 days");
  });

  it("refuses to create or change without permission, saying why", async () => {
    const no = ctx({ permissions: fixedPermissions({ manageSubscriptions: { allowed: false, reason: "only workspace admins and owners can manage subscriptions" } }) });
    for (const reply of [
      await t.p.core.run("subscribe xinjiang", no),
      await t.p.core.execute({ name: "subscribe", text: "xinjiang", confirm: true }, no),
    ]) {
      expect(reply.kind).toBe("error");
      expect(reply.text).toContain("only workspace admins and owners can manage subscriptions");
    }
    expect((await t.p.core.run("subscribe xinjiang", ctx({ permissions: undefined }))).kind).toBe("error");
    await subscribe(t.p, { id: "ab12" });
    for (const cmd of ["pause ab12", "resume ab12", "unsubscribe ab12"]) {
      const reply = await t.p.core.run(cmd, no);
      expect(reply.kind).toBe("error");
      expect(reply.text).toContain("only workspace admins");
    }
    expect(await t.p.alertStore.getSubscription("ab12")).toMatchObject({ paused: false });
  });

  it("pauses, resumes and unsubscribes", async () => {
    await subscribe(t.p, { id: "ab12" });
    expect((await t.p.core.run("pause ab12", ctx())).title).toBe("Paused");
    expect(await t.p.alertStore.getSubscription("ab12")).toMatchObject({ paused: true, pausedReason: "paused by Ada" });
    expect((await t.p.core.run("subscriptions", ctx())).text).toContain("PAUSED (paused by Ada)");
    expect((await t.p.core.run("resume ab12", ctx())).title).toBe("Resumed");
    expect(await t.p.alertStore.getSubscription("ab12")).toMatchObject({ paused: false, pausedReason: null });
    expect((await t.p.core.run("unsubscribe ab12", ctx())).title).toBe("Unsubscribed");
    expect(await t.p.alertStore.getSubscription("ab12")).toBeNull();
  });

  it("keeps workspaces apart: another workspace's id is unknown, and lists show only your own", async () => {
    await subscribe(t.p, { id: "ab12", channel: { platform: "slack", workspaceId: "T2", channelId: "C1" } });
    await subscribe(t.p, { id: "cd34", channel: { platform: "discord", workspaceId: "T1", channelId: "C1" } });
    for (const cmd of ["pause ab12", "resume ab12", "unsubscribe ab12", "pause cd34"]) {
      const reply = await t.p.core.run(cmd, ctx());
      expect(reply.kind).toBe("error");
      expect(reply.text).toMatch(/^No subscription (ab12|cd34) in this workspace/);
    }
    expect(await t.p.alertStore.getSubscription("ab12")).toMatchObject({ paused: false });
    expect((await t.p.core.run("subscriptions", ctx())).title).toBe("No subscriptions");
    expect((await t.p.core.run("subscriptions", ctx({ workspaceId: "T2" }))).text).toContain("ab12");
    // Another channel of the same workspace: changed from its own channel only.
    await subscribe(t.p, { id: "ef56", channel: { platform: "slack", workspaceId: "T1", channelId: "C9" } });
    expect((await t.p.core.run("pause ef56", ctx())).text).toContain("No subscription ef56 in this workspace posts to this channel");
  });

  it("says clearly that subscriptions need a channel in the console, the CLI or a DM without workspace", async () => {
    for (const c of [ctx({ platform: "console", workspaceId: undefined, channelId: undefined }), ctx({ platform: "cli" }), ctx({ channelId: undefined })]) {
      for (const cmd of ["subscribe xinjiang", "subscriptions", "pause ab12"]) {
        const reply = await t.p.core.run(cmd, c);
        expect(reply.kind).toBe("error");
        expect(reply.text).toContain("Subscriptions post to a Slack or Discord channel");
      }
    }
  });

  it("explains a bad query in one line, as search does", async () => {
    const reply = await t.p.core.run("subscribe dept:nowhere", ctx());
    expect(reply).toMatchObject({ kind: "error" });
    expect(reply.text).toContain('No department matches "nowhere"');
    expect(reply.text.split("\n")).toHaveLength(1);
  });
});

describe("command hints", () => {
  it("name the subscription commands as each platform types them", () => {
    expect(discordSyntax("pause")).toBe("/wq-alerts pause");
    expect(discordSyntax("subscriptions")).toBe("/wq-alerts list");
    expect(discordSyntax("search")).toBe("/wq search");
    const discordHelp = helpReply(COMMANDS, discordSyntax).text;
    expect(discordHelp).toContain("/wq-alerts subscribe <query>");
    expect(discordHelp).not.toMatch(/^\/wq subscribe/m);
    expect(helpReply(COMMANDS).text).toContain("/wq subscribe <query>");
  });
});
