import { describe, expect, it } from "vitest";
import { questionCard } from "../../src/core/commands/cards.ts";
import { statusOf, type Question } from "../../src/model/question.ts";
import { mergeQuestion } from "../../src/store/merge.ts";
import { seededCore } from "../helpers/core.ts";

describe("status agrees with what is held", () => {
  it("shows an answer held without a date as answered, date not published, never awaited", async () => {
    const seeded = await seededCore();
    // The fixture's list copy said unanswered; its detail line holds the answer.
    const q = (await seeded.store.getQuestion("1748480"))!;
    expect(q.dateAnswered).toBeNull();
    expect(q.answerText).toBeTruthy();
    expect(statusOf(q)).toBe("answered");
    const card = questionCard(q, { full: true });
    expect(card.fields).toContainEqual({ label: "Answered", value: "date not published" });
    expect(card.fields).toContainEqual({ label: "Status", value: "Answered" });
    expect(JSON.stringify(card)).not.toContain("Awaiting answer");
    await seeded.close();
  });

  it("lets the newer fact win: an answer date from the list joins the full text the detail gave", async () => {
    const seeded = await seededCore();
    const full = (await seeded.store.getQuestion("1748480"))!;
    const listed: Question = {
      ...full,
      dateAnswered: "2024-12-16",
      answerText: `${full.answerText!.replace(/\s+/g, " ").slice(0, 255)}...`,
      answerHtml: null,
      questionText: full.questionText.slice(0, 255),
      textComplete: false,
    };
    const merged = mergeQuestion(full, listed);
    expect(merged.kind).toBe("replace");
    if (merged.kind !== "replace") return;
    expect(merged.record.dateAnswered).toBe("2024-12-16");
    expect(merged.record.answerText).toBe(full.answerText);
    expect(merged.record.questionText).toBe(full.questionText);
    expect(merged.record.textComplete).toBe(true);
    // And an older list copy that says unanswered never takes the answer away.
    expect(mergeQuestion(full, { ...full, answerText: null, answerHtml: null, textComplete: false }).kind).toBe("keep");
    await seeded.close();
  });
});
