/**
 * One card as blocks: its linked title with as much of the body as the room allows (cut at a
 * paragraph), a context line (subtitle and fields), and the card's buttons.
 */
import type { Card } from "../../model/reply.ts";
import { actions, context, divider, section, totalTextLength, type ButtonElement, type WqBlock } from "./blocks.ts";
import { fitMrkdwn } from "./cut.ts";
import { ELLIPSIS, SLACK_LIMITS } from "./limits.ts";
import { bold, escapeMrkdwn, link } from "./mrkdwn.ts";

export interface CardRoom {
  /** Block text this card may use, and blocks. */
  chars: number;
  blocks: number;
  /** Put a divider before the card (not for the first one). */
  divider: boolean;
  /** Whether a "Show full answer" button comes with the card; if not, a cut body links out. */
  hasFullButton: boolean;
}

/** Below this many characters of body a card is not worth showing; the renderer says "N more". */
export const MIN_BODY_CHARS = 280;

/** Field values are short facts; longer ones are cut so that fields cannot crowd out the body. */
const FIELD_VALUE_CHARS = 300;

/** The card's blocks within `room`, or null when even a short body would not fit. */
export function cardBlocks(card: Card, buttons: ButtonElement[], room: CardRoom): WqBlock[] | null {
  const title = bold(link(card.url, card.title || "Untitled"));
  const facts = factItems(card);
  const buttonBlocks: WqBlock[] = buttons.length > 0 ? [actions(buttons)] : [];
  const lead: WqBlock[] = room.divider ? [divider] : [];
  // Without a "Show full answer" button a cut body links to the official page: keep room for it.
  const more = `${ELLIPSIS} ${link(card.url, "read the rest on the official site")}`;
  const reserve = room.hasFullButton ? 0 : more.length;
  const contextBlocks = facts.length > 0 || reserve > 0 ? 1 : 0;
  const fixedBlocks = lead.length + 1 + contextBlocks + buttonBlocks.length;
  const fixedChars = title.length + 1 + facts.join("").length + reserve + totalTextLength(buttonBlocks);

  const caps = sectionCaps(room.chars - fixedChars, room.blocks - fixedBlocks + 1, title.length + 1);
  const wanted = Math.min(MIN_BODY_CHARS, escapeMrkdwn(card.body).length);
  if (caps.length === 0 || caps.reduce((a, b) => a + b, 0) < wanted) return null;

  const body = fitBody(card.body, card.markedRanges, caps);
  if (body.cut && !room.hasFullButton) facts.push(more);
  const [first = "", ...rest] = body.parts;
  const sections = [section(first ? `${title}\n${first}` : title), ...rest.map((p) => section(p))];
  // Slack refuses an empty context block, so a card with nothing to say there has none.
  const tail = facts.length > 0 ? [context(facts), ...buttonBlocks] : buttonBlocks;
  return [...lead, ...sections, ...tail];
}

/** The context line's items: subtitle, then "label: value" for each field. */
function factItems(card: Card): string[] {
  const items: string[] = [];
  if (card.subtitle) items.push(escapeMrkdwn(card.subtitle));
  for (const field of card.fields) {
    const value = field.value.length > FIELD_VALUE_CHARS ? field.value.slice(0, FIELD_VALUE_CHARS - 1) + ELLIPSIS : field.value;
    items.push(`${bold(escapeMrkdwn(`${field.label}:`))} ${escapeMrkdwn(value)}`);
  }
  // Context blocks take 10 elements: fold the rest into the last, keeping one free for the link out.
  const max = SLACK_LIMITS.contextElements - 1;
  return items.length > max ? [...items.slice(0, max - 1), items.slice(max - 1).join(" · ")] : items;
}

/** Section capacities for the body: the first shares its section with the title. */
function sectionCaps(chars: number, sections: number, titleLength: number): number[] {
  const caps: number[] = [];
  let left = chars;
  for (let i = 0; i < sections && left > 0; i++) {
    const cap = Math.min(SLACK_LIMITS.sectionText - (i === 0 ? titleLength : 0), left);
    if (cap <= 0) break;
    caps.push(cap);
    left -= cap;
  }
  return caps;
}

/** The body spread over sections of the given capacities; the last one ends in "…" if cut. */
function fitBody(text: string, ranges: Card["markedRanges"], caps: number[]): { parts: string[]; cut: boolean } {
  const parts: string[] = [];
  let rest = text;
  let shift = 0;
  for (const [i, cap] of caps.entries()) {
    if (rest.trim().length === 0) break;
    const shifted = ranges.map(([s, e]): [number, number] => [s - shift, e - shift]);
    const fitted = fitMrkdwn(rest, shifted, cap);
    if (!fitted.cut) return { parts: [...parts, fitted.mrkdwn], cut: false };
    if (i === caps.length - 1 || fitted.consumed === 0) {
      if (fitted.mrkdwn) parts.push(fitted.mrkdwn);
      return { parts, cut: true };
    }
    parts.push(fitted.mrkdwn.slice(0, -ELLIPSIS.length));
    const after = rest.slice(fitted.consumed);
    const skip = fitted.consumed + (after.length - after.trimStart().length);
    rest = rest.slice(skip);
    shift += skip;
  }
  return { parts, cut: rest.trim().length > 0 };
}
