/** The text fitting both adapters use: cuts at boundaries, measured on the rendered text. */
import { describe, expect, test } from "vitest";
import { ELLIPSIS, chunkMarked, clip, cutPoint, cutText, fitMarked, fitPrefix, markedText, spreadMarked, type Markup } from "../../../src/adapters/shared/text.ts";

const x = (n: number): string => "x".repeat(n);
// A markup whose escape doubles some characters, like `&` -> `&amp;` or `*` -> `\*`.
const markup: Markup = { escape: (t) => t.replace(/[&*]/g, "\\$&"), bold: (e) => `**${e}**` };

describe("cutPoint", () => {
  test("cuts at the last paragraph break, then line, then sentence, then word", () => {
    expect(cutPoint(`${x(60)}\n\n${x(30)} ${x(30)}`, 100)).toBe(60);
    expect(cutPoint(`${x(60)}\n${x(60)}`, 100)).toBe(60);
    expect(cutPoint(`${x(59)}. ${x(60)}`, 100)).toBe(60);
    expect(cutPoint(`${x(60)} ${x(60)}`, 100)).toBe(60);
  });
  test("a boundary in the first half would waste too much: cut hard", () => {
    expect(cutPoint(`${x(10)}\n\n${x(200)}`, 100)).toBe(100);
  });
  test("text within the limit is not cut; a hard cut never splits a surrogate pair", () => {
    expect(cutPoint(x(100), 100)).toBe(100);
    expect(cutPoint(`${x(99)}😀`, 100)).toBe(99);
  });
});

describe("clip and cutText", () => {
  test("leave text at the limit alone and cut one over to exactly the limit, with an ellipsis", () => {
    expect(clip(x(10), 10)).toBe(x(10));
    expect(clip(x(11), 10)).toBe(x(9) + ELLIPSIS);
    expect(cutText(x(100), 100)).toBe(x(100));
    expect(cutText(x(101), 100)).toBe(x(99) + ELLIPSIS);
    expect(clip("abc", 0)).toBe("");
  });
  test("clip never leaves half a surrogate pair", () => {
    const cut = clip(x(8) + "😀😀", 10);
    expect(cut).toBe(x(8) + ELLIPSIS);
  });
  test("cutText cuts at a word", () => {
    expect(cutText("alpha beta gamma", 12)).toBe("alpha beta" + ELLIPSIS);
  });
});

describe("fitPrefix", () => {
  test("fits a rendered prefix that grows when rendered, snapped to a boundary", () => {
    const text = `${"*".repeat(50)}\n\n${"*".repeat(50)}`;
    const render = (n: number): string => text.slice(0, n).replace(/\*/g, "\\*");
    expect(fitPrefix(text, 150, render)).toBe(50);
    expect(fitPrefix(text, 1000, render)).toBe(text.length);
  });
});

describe("markedText", () => {
  test("bolds ranges given on the plain text, escaping piece by piece", () => {
    const text = "a & b * word";
    expect(markedText(text, [[text.indexOf("word"), text.length]], markup)).toBe("a \\& b \\* **word**");
  });
  test("merges overlaps, clips out-of-range ranges, leaves blank ranges plain", () => {
    expect(markedText("abc def", [[0, 2], [1, 3], [4, 99], [-5, 0]], markup)).toBe("**abc** **def**");
    expect(markedText("a  b", [[1, 3]], markup)).toBe("a  b");
  });
  test("the platform decides where bold renders", () => {
    expect(markedText("Indochina", [[4, 9]], { ...markup, canBold: () => false })).toBe("Indochina");
  });
});

describe("fitMarked and chunkMarked", () => {
  const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} ${"word ".repeat(60).trim()}.`).join("\n\n");

  test("at the limit the whole text; one under, cut at a paragraph with the ellipsis", () => {
    const whole = markedText(paragraphs, [], markup);
    expect(fitMarked(paragraphs, [], whole.length, markup)).toEqual({ text: whole, consumed: paragraphs.length, cut: false });
    const fitted = fitMarked(paragraphs, [], whole.length - 1, markup);
    expect(fitted.cut).toBe(true);
    expect(fitted.text).toMatch(/\.…$/);
    expect(paragraphs.slice(fitted.consumed).startsWith("\n\n")).toBe(true);
  });
  test("measures the escaped length", () => {
    const fitted = fitMarked("& ".repeat(2000), [], 1000, markup);
    expect(fitted.text.length).toBeLessThanOrEqual(1000);
    expect(fitted.text.length).toBeGreaterThan(900);
    expect(fitted.text.endsWith("\\&…")).toBe(true);
  });
  test("a custom suffix marks the cut, and a word longer than the room is cut hard; nothing fits when only the ellipsis would", () => {
    expect(fitMarked("alpha ".repeat(50), [], 30, markup, " (more)").text).toMatch(/alpha \(more\)$/);
    expect(fitMarked("alpha beta", [], 3, markup).text).toBe("al…");
    expect(fitMarked("alpha beta", [], 1, markup)).toEqual({ text: "", consumed: 0, cut: true });
  });
  test("chunks cover the whole text in order, each within the limit, marks shifted", () => {
    const chunks = chunkMarked(paragraphs, [], 700, markup);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(700);
    expect(chunks.join("\n\n").replace(/\s+/g, " ")).toBe(paragraphs.replace(/\s+/g, " "));
    const text = `${"filler ".repeat(100)}\n\nUighurs here`;
    const at = text.indexOf("Uighurs");
    expect(chunkMarked(text, [[at, at + 7]], 400, markup).at(-1)).toContain("\n\n**Uighurs** here");
  });
});

describe("spreadMarked", () => {
  const text = Array.from({ length: 6 }, (_, i) => `Part ${i} ${"word ".repeat(30).trim()}.`).join("\n\n");
  test("fills pieces of their own sizes in order; only the last ends in the ellipsis when cut", () => {
    const { parts, cut } = spreadMarked(text, [], (i) => (i === 0 ? 200 : i < 3 ? 400 : null), markup);
    expect(cut).toBe(true);
    expect(parts).toHaveLength(3);
    expect(parts[0]!.length).toBeLessThanOrEqual(200);
    for (const p of parts.slice(1)) expect(p.length).toBeLessThanOrEqual(400);
    expect(parts.slice(0, -1).some((p) => p.endsWith(ELLIPSIS))).toBe(false);
    expect(parts.at(-1)).toMatch(/\.…$/);
    expect(parts[0]).toMatch(/^Part 0/);
  });
  test("text that fits takes only the pieces it needs and is not cut", () => {
    expect(spreadMarked("short", [], (i) => (i < 3 ? 100 : null), markup)).toEqual({ parts: ["short"], cut: false });
  });
});
