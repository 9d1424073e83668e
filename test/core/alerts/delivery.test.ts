import { beforeEach, describe, expect, it, vi } from "vitest";
import { answeredAbout, subscribe, syncIn, worldEachTest } from "./harness.ts";

/** Friday 27 November 2026, noon in London (GMT). */
const START = "2026-11-27T12:00:00.000Z";
const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const C2 = { platform: "slack", workspaceId: "T1", channelId: "C2" } as const;

describe("instant delivery", () => {
  const t = worldEachTest(START);

  it("posts a newly answered question once to each subscribed channel, and nothing else", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    await subscribe(t.p, { id: "b", query: "xinjiang", channel: C2, createdAt: "2026-11-20T10:00:00.000Z" });
    const q = answeredAbout("Xinjiang", "2026-11-27");
    const other = answeredAbout("Potholes", "2026-11-27");
    await syncIn(t.p, [q, other]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.channel.channelId, x.questionId, x.kind])).toEqual([
      ["C1", q.id, "instant"],
      ["C2", q.id, "instant"],
    ]);
    // The same version again (a sync overlap), and another round: nothing new.
    await t.p.alerts.onSyncChanged([q]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toHaveLength(2);
    expect((await t.p.alertStore.getSubscription("a"))?.lastPostAt).toBe(START);
  });

  it("posts a question matching several subscriptions of one channel once, naming all of them", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    await subscribe(t.p, { id: "b", query: "dept:home", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    await subscribe(t.p, { id: "c", query: '"forced labour"', channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    const q = answeredAbout("Xinjiang", "2026-11-27", { answeringBody: { id: 1, name: "Home Office" } });
    await syncIn(t.p, [q]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toHaveLength(1);
    expect(t.world.slack.posts[0]!.reply.text).toContain("subscriptions a (xinjiang), b (dept:home)");
    expect(t.world.slack.posts[0]!.reply.text).not.toContain("forced");
    expect(t.world.slack.posts[0]!.reply.cards[0]!.id).toBe(q.id);
  });

  it("posts holding answers only to queries with status:holding, and never withdrawn or unanswered questions", async () => {
    await subscribe(t.p, { id: "plain", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    await subscribe(t.p, { id: "holding", query: "xinjiang status:holding", channel: C2, createdAt: "2026-11-20T10:00:00.000Z" });
    const holding = answeredAbout("Xinjiang", "2026-11-27", { isHolding: true, dateHoldingAnswer: "2026-11-27" });
    const withdrawn = answeredAbout("Xinjiang", "2026-11-27", { isWithdrawn: true });
    const base = answeredAbout("Xinjiang", "2026-11-27");
    const unanswered = { ...base, dateAnswered: null, answerText: null, answerHtml: null };
    await syncIn(t.p, [holding, withdrawn, unanswered]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.channel.channelId, x.questionId])).toEqual([["C2", holding.id]]);
    expect(t.world.slack.posts[0]!.reply.title).toBe("Holding answer");

    // The substantive answer later reaches the plain subscription (and no longer matches status:holding).
    const full = { ...holding, isHolding: false, answerText: "The full answer on Xinjiang.", dateAnswered: "2026-11-28" };
    t.world.clock.set("2026-11-28T12:00:00.000Z");
    await syncIn(t.p, [full]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.channel.channelId, x.questionId, x.reply.title])).toEqual([
      ["C2", holding.id, "Holding answer"],
      ["C1", holding.id, "New answer"],
    ]);
  });

  it("threads a correction under the original post, and posts it top-level where there was none", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    const q = answeredAbout("Xinjiang", "2026-11-26");
    await syncIn(t.p, [q]);
    await t.p.alerts.tick();
    const original = t.world.slack.posts[0]!;
    // A channel that subscribes after the original went out gets the correction on its own.
    await subscribe(t.p, { id: "b", query: "xinjiang", channel: C2, createdAt: "2026-11-27T12:30:00.000Z" });
    t.world.clock.set("2026-11-30T12:00:00.000Z");
    const corrected = {
      ...q,
      isCorrection: true,
      dateAnswerCorrected: "2026-11-30",
      originalAnswerText: q.answerText,
      answerText: "The corrected answer on Xinjiang.",
    };
    await syncIn(t.p, [corrected]);
    await t.p.alerts.tick();
    const [c1, c2] = [t.world.slack.in("C1")[1]!, t.world.slack.in("C2")[0]!];
    expect(c1).toMatchObject({ kind: "correction", parentMessageId: original.messageId, questionId: q.id });
    expect(c1.reply.title).toContain("Correction");
    expect(c2).toMatchObject({ kind: "correction", parentMessageId: null, questionId: q.id });
    expect(c2.reply.title).toBe("Corrected answer");
    expect(t.world.slack.posts).toHaveLength(3);
  });

  it("does not post answers dated well before the subscription was made", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-27T10:00:00.000Z" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-20"), answeredAbout("Xinjiang", "2026-11-26")]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => x.reply.cards[0]!.subtitle)).toEqual([expect.stringContaining("answered 2026-11-26")]);
  });

  it("catches up on whatever the store changed while no one was matching (a process that died mid-sync)", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-01T10:00:00.000Z" });
    const old = answeredAbout("Xinjiang", "2026-11-02");
    await t.p.store.upsertQuestions([old]);
    // The first start over a store marks where matching begins: what is there is not news.
    expect(await t.p.alerts.catchUp()).toEqual({ enqueued: 0, buffered: 0 });
    // Then a sync stores an answer and a correction of an old answer, and dies before alerts hear of them.
    const q = answeredAbout("Xinjiang", "2026-11-26");
    await t.p.store.upsertQuestions([q, { ...old, isCorrection: true, dateAnswerCorrected: "2026-11-27", answerText: "Corrected." }]);
    await t.reopen();
    expect(await t.p.alerts.catchUp()).toEqual({ enqueued: 2, buffered: 0 });
    expect(await t.p.alerts.catchUp()).toEqual({ enqueued: 0, buffered: 0 });
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.questionId, x.kind]).sort()).toEqual([[old.id, "correction"], [q.id, "instant"]].sort());
  });

  it("start() catches up and then delivers on its own; stop() ends the loop", async () => {
    // The loop's timer runs on vitest's clock: each interval passes when the test says so.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
      await t.p.alerts.start(10_000);
      await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
      // Nothing ticked yet since the sync: syncIn only queued the post.
      expect(t.world.slack.posts).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(t.world.slack.posts).toHaveLength(1);

      await t.p.alerts.stop();
      expect(vi.getTimerCount()).toBe(0);
      // After stop() a new answer is queued but no loop is left to post it, however long we wait.
      await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27", { id: "after-stop" })]);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(t.world.slack.posts).toHaveLength(1);
      // It waits in the outbox for the next start.
      expect((await t.p.alertStore.dueItems(t.world.clock.now(), 10)).map((i) => i.questionId)).toEqual(["after-stop"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores paused subscriptions", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, paused: true, pausedReason: "paused by Ada", createdAt: "2026-11-20T10:00:00.000Z" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toEqual([]);
  });
});

describe("delivery failures and pacing", () => {
  const t = worldEachTest(START, { delivery: { maxAttempts: 3, backoffMs: 60_000 } });
  beforeEach(async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    await subscribe(t.p, { id: "b", query: "xinjiang", channel: C2, createdAt: "2026-11-20T10:00:00.000Z" });
  });

  it("spaces posts to one channel at least a second apart", async () => {
    await syncIn(t.p, [1, 2, 3, 4].map(() => answeredAbout("Xinjiang", "2026-11-27")));
    await t.p.alerts.tick();
    for (const channel of ["C1", "C2"]) {
      const times = t.world.slack.in(channel).map((x) => x.at);
      expect(times).toHaveLength(4);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
  });

  it("pauses a gone channel's subscriptions with a reason, logs it, and does not retry", async () => {
    t.world.slack.fail("gone", { times: 10, when: (i) => i.channel.channelId === "C1" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27"), answeredAbout("Xinjiang", "2026-11-27")]);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toEqual([]);
    expect(t.world.slack.in("C2")).toHaveLength(2);
    const a = await t.p.alertStore.getSubscription("a");
    expect(a).toMatchObject({ paused: true, pausedReason: expect.stringContaining("cannot post in this channel") });
    expect((await t.p.alertStore.getSubscription("b"))?.paused).toBe(false);
    expect(t.world.logger.lines.some((l) => l.level === "warn" && l.message.includes("slack:T1:C1 is gone"))).toBe(true);
    t.world.clock.advance(86_400_000);
    await t.p.alerts.tick();
    expect(await t.p.alertStore.dueItems(t.world.clock.now(), 100)).toEqual([]);
    // Paused: new answers are no longer matched for it.
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-28")]);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toEqual([]);
  });

  it("retries a rate-limited post when told, not before, holding the channel's other posts back meanwhile", async () => {
    t.world.slack.fail({ rateLimitMs: 30_000 }, { when: (i) => i.channel.channelId === "C1" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toHaveLength(0);
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
    t.world.clock.advance(5_000);
    const round = await t.p.alerts.tick();
    expect(round.delivery).toMatchObject({ sent: 1, waiting: 1 }); // C2's post goes; C1's waits
    expect(t.world.slack.in("C1")).toHaveLength(0);
    t.world.clock.advance(-5_000);
    t.world.clock.advance(29_000);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toHaveLength(0);
    t.world.clock.advance(1_000);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toHaveLength(2);
  });

  it("backs off exponentially on other errors and gives up after the last attempt, logged", async () => {
    t.world.slack.fail("transient", { times: 10, when: (i) => i.channel.channelId === "C1" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
    await t.p.alerts.tick(); // attempt 1 fails: retry in 60 s
    const key = (await t.p.alertStore.dueItems(new Date("2100-01-01"), 10))[0]!.key;
    expect(await t.p.alertStore.getItem(key)).toMatchObject({ state: "pending", attempts: 1, notBefore: "2026-11-27T12:01:00.000Z" });
    t.world.clock.set("2026-11-27T12:01:00.000Z");
    await t.p.alerts.tick(); // attempt 2 fails: retry in 120 s
    expect(await t.p.alertStore.getItem(key)).toMatchObject({ attempts: 2, notBefore: "2026-11-27T12:03:00.000Z" });
    t.world.clock.set("2026-11-27T12:03:00.000Z");
    await t.p.alerts.tick(); // attempt 3 fails: given up
    expect(await t.p.alertStore.getItem(key)).toMatchObject({ state: "failed", attempts: 3, lastError: "HTTP 503" });
    expect(t.world.logger.lines.some((l) => l.level === "error" && l.message.includes("gave up"))).toBe(true);
    expect(t.world.slack.in("C2")).toHaveLength(1);
  });

  it("recovers from a transient error on the next attempt", async () => {
    t.world.slack.fail("transient", { when: (i) => i.channel.channelId === "C1" });
    await syncIn(t.p, [answeredAbout("Xinjiang", "2026-11-27")]);
    await t.p.alerts.tick();
    t.world.clock.advance(60_000);
    await t.p.alerts.tick();
    expect(t.world.slack.in("C1")).toHaveLength(1);
  });
});
