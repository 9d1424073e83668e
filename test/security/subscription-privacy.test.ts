/**
 * Subscriptions do not leak across channels or workspaces: a member sees their own channel's,
 * only a workspace manager sees every channel's (private ones included), and an id from another
 * channel or workspace answers exactly as an id that never existed, after the permission check.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fixedPermissions, type CommandContext } from "../../src/core/index.ts";
import { ctx, subscribe, worldEachTest } from "../core/alerts/harness.ts";

const NOW = "2026-11-27T12:00:00.000Z";
const member = (over: Partial<CommandContext> = {}): CommandContext => ctx({ permissions: fixedPermissions({ manageSubscriptions: { allowed: false, reason: "only admins" } }), ...over });

describe("subscription privacy", () => {
  const t = worldEachTest(NOW);
  beforeEach(async () => {
    await subscribe(t.p, { id: "aa11", query: "public topic", channel: { platform: "slack", workspaceId: "T1", channelId: "C1" } });
    await subscribe(t.p, { id: "bb22", query: "secret merger", createdBy: { id: "UCEO", name: "The CEO" }, channel: { platform: "slack", workspaceId: "T1", channelId: "GPRIVATE" } });
    await subscribe(t.p, { id: "cc33", query: "other company", channel: { platform: "slack", workspaceId: "T2", channelId: "C1" } });
  });

  it("a member (a single-channel guest) lists only the channel they are in", async () => {
    const list = await t.p.core.run("subscriptions", member());
    expect(list.title).toBe("1 subscription in this channel");
    expect(list.text).toContain("aa11  public topic");
    for (const secret of ["bb22", "secret merger", "GPRIVATE", "The CEO", "cc33", "other company"]) expect(list.text).not.toContain(secret);
  });

  it("one who may change this channel's subscriptions still sees only this channel without workspace rights", async () => {
    const list = await t.p.core.run("subscriptions", ctx());
    expect(list.text).toContain("aa11");
    expect(list.text).not.toContain("bb22");
  });

  it("a workspace manager sees every channel of their workspace, and none of another workspace", async () => {
    const list = await t.p.core.run("subscriptions", ctx({ permissions: fixedPermissions({ manageSubscriptions: true, seeWorkspaceSubscriptions: true }) }));
    expect(list.title).toBe("2 subscriptions in this workspace");
    expect(list.text).toContain("bb22  secret merger");
    expect(list.text).toContain("channel GPRIVATE");
    expect(list.text).not.toContain("cc33");
  });

  it("an unknown id, another channel's and another workspace's answer exactly alike", async () => {
    for (const verb of ["pause", "resume", "unsubscribe"]) {
      const answers = await Promise.all(["zz99", "bb22", "cc33"].map(async (id) => (await t.p.core.run(`${verb} ${id}`, ctx())).text.replace(id, "ID")));
      expect(answers[0]).toMatch(/^No subscription ID/);
      expect(new Set(answers).size, verb).toBe(1);
      for (const a of answers) expect(a).not.toMatch(/GPRIVATE|secret|other company/);
    }
    expect(await t.p.alertStore.getSubscription("bb22")).toMatchObject({ paused: false });
    expect(await t.p.alertStore.getSubscription("cc33")).toMatchObject({ paused: false });
  });

  it("without permission nothing of a subscription shows, not even whether it exists", async () => {
    for (const verb of ["pause", "resume", "unsubscribe"]) {
      const answers = await Promise.all(["aa11", "zz99", "bb22", "cc33"].map(async (id) => (await t.p.core.run(`${verb} ${id}`, member())).text));
      expect(new Set(answers).size, verb).toBe(1);
      expect(answers[0]).toContain("only admins");
      expect(answers[0]).not.toMatch(/public topic|GPRIVATE|secret/);
    }
    expect(await t.p.alertStore.getSubscription("aa11")).toMatchObject({ paused: false });
  });
});
