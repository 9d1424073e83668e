import { beforeEach, describe, expect, it } from "vitest";
import { unwatchCommand, watchCommand, watchingCommand, type WatchPlace } from "../../../src/core/alerts/watch-commands.ts";
import { answered, ctx, makeQuestion, makeWorld, worldEachTest } from "./harness.ts";

const NOW = "2026-11-27T12:00:00.000Z";

/** Where the harness's command context stands (Ada in C1 of T1), as a watch command takes it. */
function place(overrides: Partial<WatchPlace> = {}): WatchPlace {
  const { platform, userId, userName, workspaceId, channelId } = ctx();
  return {
    platform,
    userId,
    userName,
    workspaceId,
    channelId,
    typed: (n) => `/wq ${n}`,
    mayPostInChannel: async () => ({ allowed: true, reason: "" }),
    ...overrides,
  };
}

describe("watch commands", () => {
  const t = worldEachTest(NOW);
  let ids = 0;
  const deps = () => ({ store: t.p.store, alertStore: t.p.alertStore, now: t.world.clock.now, newId: () => String(++ids) });
  beforeEach(async () => {
    ids = 0;
    await t.p.store.upsertQuestions([
      makeQuestion({ id: "1", uin: "HL1", heading: "Cotton imports" }),
      answered(makeQuestion({ id: "2", uin: "HL2" }), "Yes.", "2026-10-01"),
      answered(makeQuestion({ id: "3", uin: "HL3" }), "No.", "2026-11-20"),
      makeQuestion({ id: "4", uin: "HL4", isWithdrawn: true }),
    ]);
  });

  it("watches from a slash command privately, and from a public message in its thread", async () => {
    const mine = await watchCommand(deps(), "1", place());
    expect(mine.title).toBe("Watching HL1: Cotton imports");
    expect(mine.text).toContain("to you directly. Watch w1: /wq unwatch w1 stops it.");
    expect((await t.p.alertStore.getWatch("w1"))?.target).toEqual({ kind: "direct", platform: "slack", workspaceId: "T1", userId: "U1" });

    const inThread = await watchCommand(deps(), "2026-11-02/HL3", place({ message: { id: "1764244800.000100", public: true } }));
    expect(inThread.text).toContain("any correction in the next 30 days");
    expect((await t.p.alertStore.getWatch("w2"))).toMatchObject({
      target: { kind: "thread", channel: { channelId: "C1" }, messageId: "1764244800.000100" },
      startTag: "answer",
    });
    expect((await watchCommand(deps(), "1", place())).title).toBe("Already watching");
  });

  it("writes privately to someone who may not post in the channel, and says why", async () => {
    const reply = await watchCommand(
      deps(),
      "1",
      place({ message: { id: "1764244800.000100", public: true }, mayPostInChannel: async () => ({ allowed: false, reason: "only workspace admins and owners can" }) }),
    );
    expect(reply.text).toContain("You cannot add posts to this channel (only workspace admins and owners can), so wq will write to you directly.");
    expect((await t.p.alertStore.getWatch("w1"))?.target.kind).toBe("direct");
  });

  it("refuses what cannot be watched with one line and an example", async () => {
    expect((await watchCommand(deps(), "1", place({ platform: "console", workspaceId: undefined }))).kind).toBe("error");
    expect((await watchCommand(deps(), "nonsense!", place())).text).toMatch(/e\.g\. \/wq watch 2024-07-17\/67$/);
    expect((await watchCommand(deps(), "999", place())).text).toMatch(/^No question 999 is held/);
    expect((await watchCommand(deps(), "4", place())).text).toContain("was withdrawn");
    expect((await watchCommand(deps(), "2", place())).text).toContain("no correction came within 30 days");
    expect(await t.p.alertStore.activeWatches()).toEqual([]);
  });

  it("lists and ends only the person's own watches", async () => {
    await watchCommand(deps(), "1", place());
    await watchCommand(deps(), "3", place());
    await watchCommand(deps(), "1", place({ userId: "U2", userName: "Grace" }));
    const list = await watchingCommand(deps(), place());
    expect(list.title).toBe("You watch 2 questions");
    expect(list.text).toContain("w1  HL1, tabled 2 November 2026 Cotton imports\n    waiting for an answer · posts to you directly");
    expect(list.text).toContain("answered 20 November 2026; watching for corrections until 20 December 2026");
    expect((await unwatchCommand(deps(), "w3", place())).text).toMatch(/^You have no watch w3 here/);
    expect((await unwatchCommand(deps(), "2026-11-02/HL1", place())).title).toBe("Unwatched");
    expect((await t.p.alertStore.getWatch("w1"))?.endedReason).toBe("unwatched by Ada");
    expect((await t.p.alertStore.getWatch("w3"))?.endedAt).toBeNull();
    expect((await watchingCommand(deps(), place())).title).toBe("You watch 1 question");
  });
});

describe("watch commands through the table", () => {
  it("lists watches with an Unwatch button each, which ends that watch", async () => {
    const world = makeWorld(NOW);
    const p = await world.open();
    try {
      await p.store.upsertQuestions([makeQuestion({ id: "1", uin: "HL1" }), makeQuestion({ id: "2", uin: "HL2" })]);
      const here = ctx();
      expect((await p.core.run("watch 1", here)).title).toMatch(/^Watching HL1/);
      expect((await p.core.run("watch 2", here)).title).toMatch(/^Watching HL2/);
      const list = await p.core.run("watching", here);
      expect(list.actions.map((a) => [a.kind, a.style, a.effect])).toEqual([
        ["unwatch", "danger", "replace"],
        ["unwatch", "danger", "replace"],
      ]);
      const done = await p.core.execute(list.actions[0]!.request, here);
      expect(done.title).toBe("Unwatched");
      expect((await p.core.run("watching", here)).title).toBe("You watch 1 question");
      // Someone else pressing it (a forwarded list) ends nothing.
      expect((await p.core.execute(list.actions[1]!.request, ctx({ userId: "U2" }))).kind).toBe("error");
      expect((await p.core.run("watch", here)).text).toMatch(/^Say which question to watch, e\.g\. \/wq watch/);
    } finally {
      await p.close();
      world.cleanup();
    }
  });
});
