import { compile, type FormatCallback } from "html-to-text";

/**
 * Table cells on one line separated by " | ", each row on its own line: readable in chat, where
 * html-to-text's padded columns would wrap and fall apart.
 */
const cell: FormatCallback = (elem, walk, builder) => {
  // Paragraphs inside a cell would break its row over several lines: walk their content inline.
  let first = true;
  for (const child of elem.children) {
    const blocky = child.type === "tag" && ["p", "div", "br"].includes(child.name ?? "");
    if (blocky) {
      if (!first) builder.addInline(" ", { noWordTransform: true });
      walk(child.children, builder);
    } else walk([child], builder);
    first = false;
  }
  const siblings = elem.parent?.children ?? [];
  if (siblings.slice(siblings.indexOf(elem) + 1).some((n) => n.type === "tag")) builder.addInline(" | ", { noWordTransform: true });
};

/**
 * Real answers nest about ten elements deep and hold a few hundred rows at most. Past these the
 * HTML is hostile or broken: html-to-text recurses per level (5,000 nested <div>s overflow the
 * stack), so it is told to stop, and a record it had to cut is refused rather than stored half.
 */
export const HTML_LIMITS = { maxDepth: 256, maxChildNodes: 20_000 } as const;

/** What html-to-text leaves where it stopped at a limit; NUL never survives from the input. */
const CUT = "\u0000wq-cut\u0000";

/** Answer HTML that passes the limits above: named, so import and sync can skip that one record. */
export class HtmlLimitError extends Error {
  constructor() {
    super(`answer HTML nested deeper than ${HTML_LIMITS.maxDepth} elements or with more than ${HTML_LIMITS.maxChildNodes} children in one element`);
    this.name = "HtmlLimitError";
  }
}

// Compiled once: convert() compiles its selectors at every call, which was most of an import's time.
const convert = compile({
  wordwrap: false,
  limits: { ...HTML_LIMITS, ellipsis: CUT },
  formatters: { wqCell: cell },
  selectors: [
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: [" (", ")"] } },
    { selector: "img", format: "skip" },
    { selector: "table", format: "block", options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    { selector: "tr", format: "block", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: "td", format: "wqCell" },
    { selector: "th", format: "wqCell" },
    { selector: "ul", options: { itemPrefix: "- " } },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
  ],
});

/** Answer HTML as the detail endpoint sends it, made readable: paragraphs, lists, rows, links kept. */
export function htmlToText(html: string): string {
  const text = convert(html.replaceAll("\u0000", ""));
  if (text.includes(CUT)) throw new HtmlLimitError();
  return tidy(text);
}

/**
 * The line without its trailing spaces and tabs. A loop, not /[ \t]+$/: that regex retries from
 * every space of a run that is followed by text, so a 160 KB run took 11 s.
 */
export function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** html-to-text pads list numbers to align them (" 1."); chat fonts don't align anyway. */
function unpadNumber(line: string): string {
  if (line.charCodeAt(0) !== 32) return line;
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return /^\d+\. /.test(line.slice(i, i + 12)) ? line.slice(i) : line;
}

/** Non-breaking spaces and NULs out, no trailing blanks, at most one blank line between paragraphs. */
export function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .replace(/\u0000/g, "")
    .split("\n")
    .map((l) => unpadNumber(trimLineEnd(l)))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
