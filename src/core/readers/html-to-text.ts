import { convert, type FormatCallback } from "html-to-text";

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

/** Answer HTML as the detail endpoint sends it, made readable: paragraphs, lists, rows, links kept. */
export function htmlToText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
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
  return tidy(text);
}

/** Non-breaking spaces out, no trailing blanks, at most one blank line between paragraphs. */
export function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .split("\n")
    // html-to-text pads list numbers to align them (" 1."); chat fonts don't align anyway.
    .map((l) => l.replace(/[ \t]+$/g, "").replace(/^ +(\d+\. )/, "$1"))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
