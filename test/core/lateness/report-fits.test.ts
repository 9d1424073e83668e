import { describe, expect, it } from "vitest";
import { renderReply as renderDiscord } from "../../../src/adapters/discord/render.ts";
import { renderReply as renderSlack } from "../../../src/adapters/slack/render.ts";
import { questionCard } from "../../../src/core/commands/cards.ts";
import { DEPARTMENTS_LISTED, overdueReply } from "../../../src/core/lateness/report-reply.ts";
import type { OverdueReport } from "../../../src/core/lateness/report.ts";
import { ANSWERING_BODIES } from "../../../src/model/answering-bodies.ts";
import { checkMessage } from "../../slack/check-message.ts";
import { violations } from "../../discord/violations.ts";
import { makeQuestion } from "../../store/fixtures.ts";

/** Every answering body overdue, the longest names and figures: the largest report wq can make. */
function largestReport(): OverdueReport {
  return {
    asOf: "2026-11-30",
    departments: ANSWERING_BODIES.map((b, i) => ({
      answeringBodyId: b.id,
      answeringBodyName: b.name,
      overdue: 99_999 - i,
      medianDaysLate: 1234.5,
      worstDaysLate: 9999,
      oldest: ["1999999", "1999998", "1999997"],
    })),
  };
}

describe("the overdue report in chat", () => {
  const reply = overdueReply(largestReport(), "30 November 2026", "public");

  it("names the departments with most overdue and counts the rest in one message", () => {
    const lines = reply.text.split("\n");
    expect(lines.slice(0, DEPARTMENTS_LISTED).map((l) => l.split(":")[0])).toEqual(ANSWERING_BODIES.slice(0, DEPARTMENTS_LISTED).map((b) => b.name));
    expect(lines[DEPARTMENTS_LISTED]).toMatch(new RegExp(`^and ${ANSWERING_BODIES.length - DEPARTMENTS_LISTED} more departments with \\d+ overdue`));
  });

  it("fits one Slack message whole", () => {
    const message = renderSlack(reply);
    checkMessage(message);
    const shown = JSON.stringify(message.blocks);
    for (const b of ANSWERING_BODIES.slice(0, DEPARTMENTS_LISTED)) expect(shown).toContain(b.name);
  });

  it("fits one Discord message whole", () => {
    const message = renderDiscord(reply, new Map());
    expect(violations(message)).toEqual([]);
    const shown = JSON.stringify(message);
    for (const b of ANSWERING_BODIES.slice(0, DEPARTMENTS_LISTED)) expect(shown).toContain(b.name);
  });
});

describe("a card with every detail", () => {
  it("fits Slack and Discord: members with constituencies, [R], seven attachments, a twelve-question group", () => {
    const long = "Speaker's Committee for the Independent Parliamentary Standards Authority";
    const q = makeQuestion({
      memberHasInterest: true,
      askingMember: { id: 1, name: "The Rt Hon Sir Somebody Longname-Doublebarrel KC", party: "Social Democratic and Labour Party", memberFrom: "Caithness, Sutherland and Easter Ross" },
      answeringMember: { id: 2, name: "Baroness Another Very-Long-Name of Somewhere-on-Sea", party: "Liberal Democrat", memberFrom: "Life peer" },
      answeringBody: { id: 90, name: long },
      isNamedDay: true,
      attachments: Array.from({ length: 7 }, (_, i) => ({ url: `https://example.org/${i}.pdf`, title: `Annex ${i}: ${long}`, fileType: "pdf", fileSizeBytes: 12_345_678 })),
    });
    const card = questionCard(q, { full: true }, "2026-11-30");
    card.fields.push({ label: "Answered together (12 questions)", value: Array.from({ length: 12 }, (_, i) => `UIN ${10_000 + i} (The Rt Hon Member Number ${i})`).join(", ") });
    const reply = { kind: "results" as const, title: "The 1 newest answer", text: "", cards: [card], actions: [], visibility: "private" as const };
    checkMessage(renderSlack(reply));
    expect(violations(renderDiscord(reply, new Map()))).toEqual([]);
  });
});
