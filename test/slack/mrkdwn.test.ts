/** Escaping: no text wq did not write can mention, link, format or quote. */
import { describe, expect, test } from "vitest";
import { escapeMrkdwn, link, mention, MRKDWN } from "../../src/adapters/slack/render.ts";
import { chunkMarked, fitMarked, markedText } from "../../src/adapters/shared/text.ts";
import { HOSTILE } from "./replies.ts";

// Slack's markup through the shared fitting, as the renderer uses it.
const markedMrkdwn = (text: string, ranges: Array<[number, number]>): string => markedText(text, ranges, MRKDWN);
const fitMrkdwn = (text: string, ranges: Array<[number, number]>, max: number) => fitMarked(text, ranges, max, MRKDWN);
const chunkMrkdwn = (text: string, ranges: Array<[number, number]>, max: number): string[] => chunkMarked(text, ranges, max, MRKDWN);

const ZWSP = "\u200b";

describe("escapeMrkdwn", () => {
  test("mentions and links become literal text", () => {
    const out = escapeMrkdwn("<!channel> <!here> <@U123> <https://evil|click> <#C1>");
    expect(out).toBe("&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &lt;#C1&gt;");
    expect(out).not.toMatch(/[<>]/);
  });
  test("& is escaped first, so an entity in the text stays as typed", () => {
    expect(escapeMrkdwn("a &amp; b & c")).toBe("a &amp;amp; b &amp; c");
  });
  test("formatting characters cannot open or close formatting", () => {
    expect(escapeMrkdwn("*bold* _it_ ~s~ `code`")).toBe(`${ZWSP}*bold${ZWSP}* ${ZWSP}_it${ZWSP}_ ${ZWSP}~s${ZWSP}~ ${ZWSP}\`code${ZWSP}\``);
  });
  test("a line starting with > does not become a quote", () => {
    expect(escapeMrkdwn("> quoted\nnot > this")).toBe(`${ZWSP}&gt; quoted\nnot &gt; this`);
  });
});

describe("wq's own markup", () => {
  test("links only https URLs that cannot break out of the link", () => {
    expect(link("https://questions-statements.parliament.uk/x?a=1&b=2", "Q <1>")).toBe("<https://questions-statements.parliament.uk/x?a=1&amp;b=2|Q &lt;1&gt;>");
    expect(link("javascript:alert(1)", "label")).toBe("label");
    expect(link("https://ok.example/|<!channel>", "label")).toBe("label");
  });
  test("mentions only a well-formed user id", () => {
    expect(mention("U0001")).toBe("<@U0001>");
    expect(mention("U1> <!channel")).toBe("someone");
  });
});

describe("marked ranges", () => {
  test("bold the marked words, offsets taken before escaping", () => {
    const text = "A & B <x> Uighurs and Xinjiang.";
    const start = text.indexOf("Uighurs");
    const x = text.indexOf("Xinjiang");
    expect(markedMrkdwn(text, [[x, x + 8], [start, start + 7]])).toBe("A &amp; B &lt;x&gt; *Uighurs* and *Xinjiang*.");
  });
  test("overlapping and out-of-range ranges are merged and clipped", () => {
    expect(markedMrkdwn("abc def", [[0, 2], [1, 3], [4, 99], [-5, 0]])).toBe("*abc* *def*");
  });
  test("a range inside a word is left plain rather than showing stray asterisks", () => {
    expect(markedMrkdwn("Indochina", [[4, 9]])).toBe("Indochina");
  });
  test("hostile text inside a marked range stays inert", () => {
    const out = markedMrkdwn(`x ${HOSTILE} y`, [[2, 2 + HOSTILE.length]]);
    expect(out.replace(/^x \*|\* y$/g, "")).not.toMatch(/[<>]/);
  });
});

describe("cutting", () => {
  const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} ${"word ".repeat(60).trim()}.`).join("\n\n");

  test("cuts at a paragraph boundary and says so", () => {
    const fitted = fitMrkdwn(paragraphs, [], 1000);
    expect(fitted.cut).toBe(true);
    expect(fitted.text.length).toBeLessThanOrEqual(1000);
    expect(fitted.text).toMatch(/\.…$/);
    expect(paragraphs.slice(fitted.consumed).startsWith("\n\n")).toBe(true);
  });
  test("measures the escaped text: a body of ampersands fits its rendered length", () => {
    const fitted = fitMrkdwn("& ".repeat(2000), [], 1000);
    expect(fitted.text.length).toBeLessThanOrEqual(1000);
    expect(fitted.text.endsWith("&amp;…")).toBe(true);
  });
  test("one long line is cut at a word", () => {
    const fitted = fitMrkdwn("alpha ".repeat(500), [], 100);
    expect(fitted.text).toMatch(/alpha…$/);
  });
  test("chunks cover the whole text in order, each within the limit", () => {
    const chunks = chunkMrkdwn(paragraphs, [], 700);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(700);
    expect(chunks.join("\n\n").replace(/\s+/g, " ")).toBe(paragraphs.replace(/\s+/g, " "));
  });
  test("marked ranges survive chunking with shifted offsets", () => {
    const text = `${"filler ".repeat(100)}\n\nUighurs here`;
    const at = text.indexOf("Uighurs");
    const chunks = chunkMrkdwn(text, [[at, at + 7]], 400);
    expect(chunks.at(-1)).toContain("*Uighurs* here");
  });
});
