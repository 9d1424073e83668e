/** Hand-built Replies for renderer tests: ordinary, huge, many, and hostile. */
import type { Action, Card, Reply } from "../../src/model/reply.ts";

export const OFFICIAL = "https://questions-statements.parliament.uk/written-questions/detail/2021-06-14/15023";

export function card(overrides: Partial<Card> = {}): Card {
  return {
    id: "1",
    title: "China: Uighurs",
    subtitle: "Commons · UIN 15023 · tabled 2021-06-14 · answered 2021-06-21",
    fields: [
      { label: "Department", value: "Foreign, Commonwealth and Development Office" },
      { label: "Asked by", value: "Jim Shannon (DUP)" },
    ],
    body: "To ask the Secretary of State what steps he is taking on the Uighurs.\n\nAnswer:\n\nThe UK has led international efforts.",
    markedRanges: [],
    bodyIsExcerpt: false,
    url: OFFICIAL,
    actions: [],
    ...overrides,
  };
}

export function cardActions(c: Card): Action[] {
  return [
    { kind: "full", label: "Show full answer", style: "default", effect: "private", request: { name: "show", ref: c.id, full: true } },
    { kind: "share", label: "Share to channel", style: "primary", effect: "public", request: { name: "show", ref: c.id, full: false, shared: true } },
  ];
}

export function results(cards: Card[], query = "uighurs", page = 1): Reply {
  return {
    kind: "results",
    title: `${cards.length} results for ${query}`,
    text: `Showing 1–${cards.length}, page ${page} of 3.`,
    cards: cards.map((c) => ({ ...c, actions: cardActions(c) })),
    actions: [
      { kind: "previous", label: "Previous", style: "default", effect: "replace", request: { name: "search", query, page: Math.max(1, page - 1) } },
      { kind: "next", label: "Next", style: "default", effect: "replace", request: { name: "search", query, page: page + 1 } },
    ],
    visibility: "private",
  };
}

export function question(c: Card): Reply {
  return { kind: "question", title: c.title, text: "", cards: [{ ...c, actions: cardActions(c) }], actions: [], visibility: "private" };
}

/**
 * A 55 KB answer as html-to-text leaves a long one: paragraphs, then tables whose rows have no
 * blank line between them (one "paragraph" of many KB), with &, <, >, * and _ in the text.
 */
export function hugeAnswer(): string {
  const paragraphs: string[] = [];
  let n = 0;
  while (paragraphs.join("\n\n").length < 55_000) {
    n += 1;
    if (n % 4 === 0) {
      const rows = ["Region | 2019 | 2020 | 2021 | Notes"];
      for (let r = 0; r < 60; r++) rows.push(`Region ${r} & <area ${r}> | ${1000 + r} | ${1100 + r} | ${1200 + r} | *provisional* _est._`);
      paragraphs.push(rows.join("\n"));
    } else {
      paragraphs.push(`Paragraph ${n}. The Department & its agencies <continue> to work with partners on *this* issue; see section_${n}. `.repeat(6).trim());
    }
  }
  return paragraphs.join("\n\n");
}

export const HOSTILE = "<!channel> @here <https://evil|click> <@U123> <!everyone> *bold* _it_ ~s~ `code` > quote &amp;";
