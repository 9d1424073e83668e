import { describe, expect, it } from "vitest";
import { renderDiff, type DiffMarkup } from "../../../src/adapters/shared/diff-markup.ts";
import { wordDiff } from "../../../src/core/alerts/answer-diff.ts";

const DISCORD: DiffMarkup = { escape: (t) => t.replace(/[*~\\]/g, "\\$&"), del: "~~", ins: "**", markNeedsEdge: false };
const SLACK: DiffMarkup = { escape: (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"), del: "~", ins: "*", markNeedsEdge: true };

const before = "The scheme funded 12 schools in Leeds & Bradford in 2025.\n\nA review follows in spring.";
const after = "The scheme funded 14 schools in Leeds, Bradford & York in 2026.\n\nA review follows in autumn.";

describe("a word diff in a platform's markup", () => {
  it("marks each run once, per line, and keeps text from elsewhere inert", () => {
    const diff = wordDiff(before, after, "x");
    expect(renderDiff(diff.segments, DISCORD, 1000)).toEqual({
      text: "The scheme funded ~~12~~ **14** schools in Leeds ~~&~~ **,** Bradford **& York** in ~~2025~~ **2026**.\n\nA review follows in ~~spring~~ **autumn**.",
      cut: false,
    });
    expect(renderDiff(diff.segments, SLACK, 1000).text).toContain("Leeds ~&amp;~ *,* Bradford *&amp; York* in ~2025~ *2026*.");
  });

  it("fits every room it is given, cut after a whole word with an ellipsis", () => {
    const diff = wordDiff(before, after, "x");
    const whole = renderDiff(diff.segments, DISCORD, 10_000).text;
    for (let max = 1; max < whole.length; max++) {
      const { text, cut } = renderDiff(diff.segments, DISCORD, max);
      expect(text.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(cut).toBe(true);
      expect(text.endsWith("…"), `max ${max}`).toBe(true);
      // What is shown before the ellipsis is the start of the whole rendering, up to a boundary
      // (its last run closed early if the cut fell inside it).
      const shown = text.slice(0, -1).replace(/(~~|\*\*)$/, "");
      expect(whole.replace(/~~|\*\*/g, "").startsWith(shown.replace(/~~|\*\*/g, "")), `max ${max}: ${text}`).toBe(true);
    }
  });
});
