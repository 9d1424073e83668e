import { describe, expect, it } from "vitest";
import { correctionDiff, MAX_DIFF_CHARS, wordDiff } from "../../../src/core/alerts/answer-diff.ts";

const before = (d: { segments: { text: string; mark: string | null }[] }): string => d.segments.map((s) => (s.mark === "ins" ? "" : s.text)).join("");
const after = (d: { segments: { text: string; mark: string | null }[] }): string => d.segments.map((s) => (s.mark === "del" ? "" : s.text)).join("");

describe("correction diffs", () => {
  it("marks the words taken out and put in, and both texts can be read back from it", () => {
    const d = wordDiff("We funded 12 schools in Leeds last year.", "We funded 14 schools in Leeds and Bradford last year.", "x");
    expect(d.wordLevel).toBe(true);
    expect(d.segments.filter((s) => s.mark !== null)).toEqual([
      { text: "12", mark: "del" },
      { text: "14", mark: "ins" },
      { text: "and Bradford ", mark: "ins" },
    ]);
    expect(before(d)).toBe("We funded 12 schools in Leeds last year.");
    expect(after(d)).toBe("We funded 14 schools in Leeds and Bradford last year.");
  });

  it("shows old and new whole when they differ too much to compare word by word in bounded time", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `x${i}`).join(" ");
    const d = wordDiff(a, b, "x");
    expect(d.wordLevel).toBe(false);
    expect(d.segments).toEqual([
      { text: a, mark: "del" },
      { text: "\n", mark: null },
      { text: b, mark: "ins" },
    ]);
    expect(wordDiff("a".repeat(MAX_DIFF_CHARS + 1), "b", "x").wordLevel).toBe(false);
  });

  it("is made only for a correction whose original answer is known", () => {
    const q = { isCorrection: true, originalAnswerText: "Yes.", answerText: "No." };
    expect(correctionDiff(q)?.segments).toEqual([
      { text: "Yes", mark: "del" },
      { text: "No", mark: "ins" },
      { text: ".", mark: null },
    ]);
    expect(correctionDiff({ ...q, originalAnswerText: null })).toBeNull();
    expect(correctionDiff({ ...q, isCorrection: false })).toBeNull();
  });
});
