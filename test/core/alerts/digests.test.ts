import { afterEach, describe, expect, it } from "vitest";
import { nextDigestAt } from "../../../src/core/alerts/schedule.ts";
import { answeredAbout, makeWorld, subscribe, syncIn, type Process, type World } from "./harness.ts";

const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const CREATED = "2026-01-05T10:00:00.000Z";

describe("nextDigestAt (Europe/London)", () => {
  const daily = { cadence: "daily", at: "09:00" } as const;
  const weekly = { cadence: "weekly", at: "09:00" } as const;
  const next = (sub: { cadence: "daily" | "weekly" | "instant"; at: string }, iso: string): string | undefined =>
    nextDigestAt(sub, new Date(iso))?.toISOString();

  it("comes at 09:00 local on the Monday after the spring clock change (08:00 UTC)", () => {
    expect(next(daily, "2026-03-27T12:00:00Z")).toBe("2026-03-30T08:00:00.000Z");
    expect(next(weekly, "2026-03-27T12:00:00Z")).toBe("2026-03-30T08:00:00.000Z");
  });

  it("comes at 09:00 local on the Monday after the autumn clock change (09:00 UTC)", () => {
    expect(next(daily, "2026-10-23T12:00:00Z")).toBe("2026-10-26T09:00:00.000Z");
    expect(next(weekly, "2026-10-20T12:00:00Z")).toBe("2026-10-26T09:00:00.000Z");
  });

  it("takes working days for daily digests, Mondays for weekly, and the next one strictly after now", () => {
    expect(next(daily, "2026-11-24T08:59:00Z")).toBe("2026-11-24T09:00:00.000Z");
    expect(next(daily, "2026-11-24T09:00:00Z")).toBe("2026-11-25T09:00:00.000Z");
    expect(next(daily, "2026-11-28T09:00:00Z")).toBe("2026-11-30T09:00:00.000Z"); // Saturday -> Monday
    expect(next({ cadence: "daily", at: "17:45" }, "2026-07-01T12:00:00Z")).toBe("2026-07-01T16:45:00.000Z");
    expect(next(weekly, "2026-11-30T09:00:00Z")).toBe("2026-12-07T09:00:00.000Z");
    expect(next({ cadence: "instant", at: "09:00" }, "2026-11-30T09:00:00Z")).toBeUndefined();
  });
});

describe("digest delivery", () => {
  let world: World;
  let p: Process;
  afterEach(async () => {
    await p.close();
    world.cleanup();
  });

  async function tickAt(iso: string): Promise<void> {
    world.clock.set(iso);
    await p.alerts.tick();
  }

  it("posts a daily digest at 09:00 London time on the Monday after the spring change, every item in its thread", async () => {
    world = makeWorld("2026-03-27T12:00:00.000Z");
    p = await world.open();
    await subscribe(p, { id: "d", query: "xinjiang", cadence: "daily", channel: C1, createdAt: CREATED });
    const questions = [answeredAbout("Xinjiang", "2026-03-27"), answeredAbout("Xinjiang", "2026-03-27")];
    await syncIn(p, questions);
    for (const t of ["2026-03-27T12:00:01Z", "2026-03-28T09:00:00Z", "2026-03-29T09:00:00Z", "2026-03-30T07:59:59Z"]) await tickAt(t);
    expect(world.slack.posts).toEqual([]);
    await tickAt("2026-03-30T08:00:00Z");
    const [digest, ...items] = world.slack.posts;
    expect(digest).toMatchObject({ kind: "digest", parentMessageId: null, at: Date.parse("2026-03-30T08:00:00Z") });
    expect(digest!.reply.title).toBe("Daily digest: 2 new answers for xinjiang");
    expect(items.map((i) => [i.kind, i.parentMessageId])).toEqual([
      ["digest-item", digest!.messageId],
      ["digest-item", digest!.messageId],
    ]);
    expect(new Set(items.map((i) => i.questionId))).toEqual(new Set(questions.map((q) => q.id)));
    // Nothing new: no digest the next day.
    await tickAt("2026-03-31T08:00:00Z");
    expect(world.slack.posts).toHaveLength(3);
  });

  it("posts at 09:00 GMT on the Monday after the autumn change, not an hour early", async () => {
    world = makeWorld("2026-10-23T12:00:00.000Z");
    p = await world.open();
    await subscribe(p, { id: "d", query: "xinjiang", cadence: "daily", channel: C1, createdAt: CREATED });
    await syncIn(p, [answeredAbout("Xinjiang", "2026-10-23")]);
    await tickAt("2026-10-26T08:00:00Z");
    expect(world.slack.posts).toEqual([]);
    await tickAt("2026-10-26T09:00:00Z");
    expect(world.slack.posts.map((x) => x.kind)).toEqual(["digest", "digest-item"]);
  });

  it("posts a weekly digest on Monday at the chosen time with every item, however many", async () => {
    world = makeWorld("2026-11-24T12:00:00.000Z"); // Tuesday
    p = await world.open();
    await subscribe(p, { id: "w", query: "xinjiang", cadence: "weekly", at: "07:30", channel: C1, createdAt: CREATED });
    const many = Array.from({ length: 25 }, () => answeredAbout("Xinjiang", "2026-11-24"));
    await syncIn(p, many.slice(0, 10));
    world.clock.set("2026-11-26T12:00:00Z");
    await syncIn(p, many.slice(10));
    await tickAt("2026-11-27T07:30:00Z"); // Friday: not a weekly day
    expect(world.slack.posts).toEqual([]);
    await tickAt("2026-11-30T07:30:00Z");
    const [digest, ...items] = world.slack.posts;
    expect(digest!.reply.title).toBe("Weekly digest: 25 new answers for xinjiang");
    expect(digest!.reply.text).toContain("…and 20 more.");
    expect(items).toHaveLength(25);
    expect(items.every((i) => i.parentMessageId === digest!.messageId)).toBe(true);
    expect(new Set(items.map((i) => i.questionId)).size).toBe(25);
  });

  it("leaves a question posted instantly in a channel out of that channel's digests, and puts one question in one digest", async () => {
    world = makeWorld("2026-11-24T12:00:00.000Z");
    p = await world.open();
    await subscribe(p, { id: "i", query: "xinjiang", channel: C1, createdAt: CREATED });
    await subscribe(p, { id: "d", query: "china", cadence: "daily", channel: C1, createdAt: CREATED });
    await subscribe(p, { id: "w", query: "china", cadence: "weekly", channel: C1, createdAt: CREATED });
    const both = answeredAbout("Xinjiang in China", "2026-11-24");
    const china = answeredAbout("China", "2026-11-24");
    await syncIn(p, [both, china]);
    await p.alerts.tick();
    await tickAt("2026-11-25T09:00:00Z");
    await tickAt("2026-11-30T09:00:00Z");
    expect(world.slack.posts.map((x) => [x.kind, x.questionId])).toEqual([
      ["instant", both.id],
      ["digest", null],
      ["digest-item", china.id],
    ]);
    expect(world.slack.posts[0]!.reply.text).toContain("subscriptions d (china), i (xinjiang), w (china)");
  });

  it("leaves out a question withdrawn before its digest", async () => {
    world = makeWorld("2026-11-24T12:00:00.000Z");
    p = await world.open();
    await subscribe(p, { id: "d", query: "xinjiang", cadence: "daily", channel: C1, createdAt: CREATED });
    const keep = answeredAbout("Xinjiang", "2026-11-24");
    const gone = answeredAbout("Xinjiang", "2026-11-24");
    await syncIn(p, [keep, gone]);
    await syncIn(p, [{ ...gone, isWithdrawn: true }]);
    await tickAt("2026-11-25T09:00:00Z");
    expect(world.slack.posts.map((x) => x.questionId)).toEqual([null, keep.id]);
    expect(world.slack.posts[0]!.reply.title).toBe("Daily digest: 1 new answer for xinjiang");
  });

  it("makes a digest once when the process dies between the outbox write and clearing its entries", async () => {
    world = makeWorld("2026-11-24T12:00:00.000Z");
    let die = true;
    p = await world.open({
      hooks: {
        afterDigestEnqueued: () => {
          if (die) throw new Error("killed");
        },
      },
    });
    await subscribe(p, { id: "d", query: "xinjiang", cadence: "daily", channel: C1, createdAt: CREATED });
    await syncIn(p, [answeredAbout("Xinjiang", "2026-11-24")]);
    world.clock.set("2026-11-25T09:00:00Z");
    await expect(p.alerts.tick()).rejects.toThrow("killed");
    die = false;
    await p.close();
    p = await world.open();
    await p.alerts.tick();
    await tickAt("2026-11-26T09:00:00Z");
    expect(world.slack.posts.map((x) => x.kind)).toEqual(["digest", "digest-item"]);
  });
});
