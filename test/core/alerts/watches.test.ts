import { describe, expect, it } from "vitest";
import type { Watch } from "../../../src/model/alerts.ts";
import type { Question } from "../../../src/model/question.ts";
import { makeWatch } from "../../store/fixtures.ts";
import { answered, makeQuestion, makeWorld, subscribe, syncIn, worldEachTest, type Process } from "./harness.ts";

/** Friday 27 November 2026, noon in London (GMT). */
const START = "2026-11-27T12:00:00.000Z";
const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const THREAD = { kind: "thread", channel: C1, messageId: "1764244800.000100" } as const;
const DM = { kind: "direct", platform: "slack", workspaceId: "T1", userId: "U1" } as const;
const DAY = 24 * 60 * 60 * 1000;

function holding(q: Question, day: string): Question {
  return { ...answered(q, "I will reply as soon as possible.", day), isHolding: true, dateHoldingAnswer: day };
}

function corrected(q: Question, text: string, day: string): Question {
  return { ...q, isCorrection: true, dateAnswerCorrected: day, originalAnswerText: q.answerText, answerText: text, answerHtml: `<p>${text}</p>` };
}

async function watch(p: Process, overrides: Partial<Watch>): Promise<Watch> {
  const w = makeWatch({ createdAt: START, ...overrides });
  await p.alertStore.createWatch(w);
  return w;
}

describe("watches", () => {
  const t = worldEachTest(START);

  it("posts the holding answer, the answer and a correction with its diff once each in the watch's thread, then ends 30 days after", async () => {
    const q = makeQuestion({ id: "500", uin: "HL500" });
    await syncIn(t.p, [q]);
    await watch(t.p, { id: "w1", questionId: "500", target: THREAD });
    // Unanswered: nothing to say.
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toEqual([]);

    await syncIn(t.p, [holding(q, "2026-11-27")]);
    await t.p.alerts.tick();
    const answer = answered(q, "The department spent four million pounds on the scheme in 2025.", "2026-11-30");
    await syncIn(t.p, [answer]);
    await syncIn(t.p, [answer]); // a sync overlap hands the same version over again
    await t.p.alerts.tick();
    const fixed = corrected(answer, "The department spent five million pounds on the scheme in 2024.", "2026-12-02");
    await syncIn(t.p, [fixed]);
    await t.p.alerts.tick();

    expect(t.world.slack.posts.map((x) => [x.kind, x.channel.channelId, x.parentMessageId, x.reply.title])).toEqual([
      ["watch", "C1", THREAD.messageId, "Watched question: holding answer"],
      ["watch", "C1", THREAD.messageId, "Watched question: answered"],
      ["watch", "C1", THREAD.messageId, "Watched question: the answer was corrected"],
    ]);
    const diff = t.world.slack.posts[2]!.reply.diff!;
    expect(diff.wordLevel).toBe(true);
    expect(diff.segments.filter((s) => s.mark === "del").map((s) => s.text.trim())).toEqual(["four", "2025"]);
    expect(diff.segments.filter((s) => s.mark === "ins").map((s) => s.text.trim())).toEqual(["five", "2024"]);
    expect(diff.segments.map((s) => (s.mark === "ins" ? "" : s.text)).join("")).toBe(answer.answerText);
    expect(diff.segments.map((s) => (s.mark === "del" ? "" : s.text)).join("")).toBe(fixed.answerText);

    // 29 days after the correction it still runs; on the 30th it ends.
    t.world.clock.set("2026-12-31T12:00:00.000Z");
    await t.p.alerts.tick();
    expect((await t.p.alertStore.getWatch("w1"))?.endedAt).toBeNull();
    t.world.clock.advance(DAY);
    await t.p.alerts.tick();
    expect(await t.p.alertStore.getWatch("w1")).toMatchObject({ endedReason: "answered; no correction by 2027-01-01" });
    expect(await t.p.alertStore.activeWatches()).toEqual([]);
    expect(t.world.slack.posts).toHaveLength(3);
  });

  it("keeps watching across a restart: the correction after it is posted once, nothing before it again", async () => {
    const q = answered(makeQuestion({ id: "501" }), "Ten schools were visited.", "2026-11-27");
    await syncIn(t.p, [makeQuestion({ id: "501" })]);
    await watch(t.p, { id: "w1", questionId: "501", target: DM });
    await syncIn(t.p, [q]);
    await t.reopen(); // a new process over the same file: the answer is still owed
    await t.p.alerts.catchUp();
    await syncIn(t.p, [corrected(q, "Eleven schools were visited.", "2026-11-28")]);
    await t.p.alerts.tick();
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.reply.title, x.direct, x.channel.channelId, x.parentMessageId])).toEqual([
      ["Watched question: answered", true, "U1", null],
      ["Watched question: the answer was corrected", true, "U1", null],
    ]);
  });

  it("posts a withdrawal and ends the watch; posts nothing for the version the question had when watched", async () => {
    const a = answered(makeQuestion({ id: "502" }), "Yes.", "2026-11-26");
    const b = makeQuestion({ id: "503" });
    await syncIn(t.p, [a, b]);
    await watch(t.p, { id: "wa", questionId: "502", startTag: "answer" });
    await watch(t.p, { id: "wb", questionId: "503" });
    // The same answer comes again with its text completed: not news to a watch made after it.
    await syncIn(t.p, [{ ...a, answerText: "Yes, and more.", answerHtml: "<p>Yes, and more.</p>" }, { ...b, isWithdrawn: true }]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.questionId, x.reply.title])).toEqual([["503", "Watched question: withdrawn"]]);
    expect((await t.p.alertStore.getWatch("wb"))?.endedReason).toBe("the question was withdrawn");
    expect((await t.p.alertStore.getWatch("wa"))?.endedAt).toBeNull();
  });

  it("ends a watch whose thread's channel is gone", async () => {
    await syncIn(t.p, [makeQuestion({ id: "505" })]);
    await watch(t.p, { id: "w1", questionId: "505", target: THREAD });
    t.world.slack.fail("gone", { when: (item) => item.kind === "watch" });
    await syncIn(t.p, [answered(makeQuestion({ id: "505" }), "No.", "2026-11-27")]);
    await t.p.alerts.tick();
    expect(await t.p.alertStore.getWatch("w1")).toMatchObject({ endedReason: "wq cannot post there (channel_not_found)" });
  });

  it("makes one post for two watches from one message, naming both watchers", async () => {
    await syncIn(t.p, [makeQuestion({ id: "504" })]);
    await watch(t.p, { id: "w1", questionId: "504", target: THREAD, user: { id: "U1", name: "Ada" } });
    await watch(t.p, { id: "w2", questionId: "504", target: THREAD, user: { id: "U2", name: "Grace" } });
    await syncIn(t.p, [answered(makeQuestion({ id: "504" }), "No.", "2026-11-27")]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toHaveLength(1);
    expect(t.world.slack.posts[0]!.reply.text).toContain("Watched by Ada, Grace (watch w1, w2)");
  });
});

describe("questions answered together", () => {
  const t = worldEachTest(START);

  /** Three questions of three askers answered with one answer, each listing the other two. */
  function group(): Question[] {
    const uins = ["HL701", "HL702", "HL703"];
    const askers = ["Lord Alpha", "Baroness Beta", "Lord Gamma"];
    return uins.map((uin, i) =>
      answered(
        makeQuestion({
          id: String(701 + i),
          uin,
          heading: "Xinjiang cotton imports",
          askingMember: { id: 10 + i, name: askers[i]!, party: null },
          groupedQuestions: uins.filter((u) => u !== uin).map((u) => ({ uin: u, dateTabled: "2026-11-02" })),
        }),
        "Xinjiang cotton is covered by the import controls.",
        "2026-11-27",
      ),
    );
  }

  it("posts one message per channel naming every UIN and asker, however many members match and in however many syncs", async () => {
    await subscribe(t.p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
    const members = group();
    // Tabled first (as sync finds them), then answered over two sync steps.
    await syncIn(t.p, members.map((q) => ({ ...q, dateAnswered: null, answerText: null, answerHtml: null })));
    const [one, two, three] = members;
    await syncIn(t.p, [one!, two!]);
    await syncIn(t.p, [three!]);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toHaveLength(1);
    const text = t.world.slack.posts[0]!.reply.text;
    expect(text).toContain("Answered together (3 questions): HL701 (Lord Alpha), HL702 (Baroness Beta), HL703 (Lord Gamma).");
    expect(t.world.slack.posts[0]!.key).toBe("instant:slack:T1:C1:group:2026-11-02/HL701:answer");
  });

  it("puts a group into a digest once, as one item naming every member", async () => {
    await subscribe(t.p, { id: "d", query: "xinjiang", channel: C1, cadence: "daily", createdAt: "2026-11-20T10:00:00.000Z" });
    const members = group();
    await syncIn(t.p, members.slice(0, 2));
    await syncIn(t.p, members.slice(2));
    t.world.clock.set("2026-11-30T09:00:30.000Z"); // Monday 09:00 London
    await t.p.alerts.tick();
    expect(t.world.slack.posts.map((x) => [x.kind, x.reply.title])).toEqual([
      ["digest", "Daily digest: 1 new answer for xinjiang"],
      ["digest-item", "1 of 1: Answer"],
    ]);
    expect(t.world.slack.posts[1]!.reply.text).toContain("Answered together (3 questions): HL701 (Lord Alpha)");
  });

  it("makes one watch post for two watched members of a group in one place", async () => {
    const members = group();
    await syncIn(t.p, members.map((q) => ({ ...q, dateAnswered: null, answerText: null, answerHtml: null })));
    await watch(t.p, { id: "w1", questionId: "701", target: DM });
    await watch(t.p, { id: "w2", questionId: "703", target: DM });
    await syncIn(t.p, members);
    await t.p.alerts.tick();
    expect(t.world.slack.posts).toHaveLength(1);
    expect(t.world.slack.posts[0]!.reply.text).toContain("HL701 (Lord Alpha), HL702 (Baroness Beta), HL703 (Lord Gamma)");
  });
});

describe("notify:", () => {
  it("pings the subscription's people on its posts only", async () => {
    const world = makeWorld(START);
    const p = await world.open();
    try {
      const health = { kind: "group", id: "S0HEALTH", label: "@health-team" } as const;
      await subscribe(p, { id: "a", query: "xinjiang", channel: C1, createdAt: "2026-11-20T10:00:00.000Z", notify: [health] });
      await subscribe(p, { id: "b", query: "potholes", channel: C1, createdAt: "2026-11-20T10:00:00.000Z" });
      const x = answered(makeQuestion({ id: "801", heading: "Xinjiang" }), "Xinjiang answer.", "2026-11-27");
      const y = answered(makeQuestion({ id: "802", heading: "Potholes" }), "Potholes answer.", "2026-11-27");
      await syncIn(p, [x, y]);
      await p.alerts.tick();
      expect(world.slack.posts.map((post) => [post.questionId, post.mentions])).toEqual([
        ["801", [health]],
        ["802", []],
      ]);
      // A digest pings once, on its message, not on each item in its thread.
      await subscribe(p, { id: "d", query: "potholes", channel: { ...C1, channelId: "C2" }, cadence: "daily", createdAt: "2026-11-20T10:00:00.000Z", notify: [health] });
      await syncIn(p, [answered(makeQuestion({ id: "803", heading: "Potholes" }), "More potholes.", "2026-11-27")]);
      world.clock.set("2026-11-30T09:00:30.000Z");
      await p.alerts.tick();
      expect(world.slack.posts.slice(2).map((post) => [post.channel.channelId, post.kind, post.mentions])).toEqual([
        ["C1", "instant", []],
        ["C2", "digest", [health]],
        ["C2", "digest-item", []],
      ]);
    } finally {
      await p.close();
      world.cleanup();
    }
  });
});
