import { describe, expect, it } from "vitest";
import type { Question } from "../../../src/model/question.ts";
import type { Reply } from "../../../src/model/reply.ts";
import { makeWatch } from "../../store/fixtures.ts";
import { answered, makeQuestion, subscribe, syncIn, worldEachTest } from "./harness.ts";

/** Monday 4 March 2024, noon in London: years before the machine's own clock. */
const START = "2024-03-04T12:00:00.000Z";
const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const C2 = { platform: "slack", workspaceId: "T1", channelId: "C2" } as const;
const THREAD = { kind: "thread", channel: C1, messageId: "1709553600.000100" } as const;

const deadlineOf = (reply: Reply): string | undefined => reply.cards[0]?.fields.find((f) => f.label === "Deadline")?.value;

describe("alert posts date lateness by the alerts' clock", () => {
  const t = worldEachTest(START);

  it("says a holding answer's question is due in days on instant, digest and watch cards, not years late by the real clock", async () => {
    const q: Question = makeQuestion({ id: "600", uin: "HL600", heading: "Xinjiang: cotton", dateTabled: "2024-02-26", dateForAnswer: "2024-03-11" });
    await syncIn(t.p, [q]);
    await subscribe(t.p, { id: "now", query: "xinjiang status:holding", cadence: "instant", channel: C1, createdAt: "2024-03-01T10:00:00.000Z" });
    await subscribe(t.p, { id: "day", query: "xinjiang status:holding", cadence: "daily", channel: C2, createdAt: "2024-03-01T10:00:00.000Z" });
    await t.p.alertStore.createWatch(makeWatch({ id: "w1", questionId: "600", target: THREAD, createdAt: START }));

    await syncIn(t.p, [{ ...answered(q, "I will reply as soon as possible.", "2024-03-04"), isHolding: true, dateHoldingAnswer: "2024-03-04" }]);
    await t.p.alerts.tick();
    // The daily digest comes at 09:00 the next day: a day nearer the deadline.
    t.world.clock.set("2024-03-05T09:00:00.000Z");
    await t.p.alerts.tick();

    const byKind = new Map(t.world.slack.posts.map((x) => [x.kind, x.reply] as const));
    expect([...byKind.keys()].sort()).toEqual(["digest", "digest-item", "instant", "watch"]);
    expect(deadlineOf(byKind.get("instant")!)).toBe("Due in 7 days (11 March 2024)");
    expect(deadlineOf(byKind.get("watch")!)).toBe("Due in 7 days (11 March 2024)");
    expect(deadlineOf(byKind.get("digest-item")!)).toBe("Due in 6 days (11 March 2024)");
  });
});
