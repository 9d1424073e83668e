/**
 * A core Reply as Slack Block Kit, in one pass and one file: the message, one long answer over a
 * few (`renderFull`), a card as a link preview (`renderUnfurl`), the help as the Home tab
 * (`renderHome`). Text is fitted by the shared text module; every number is in limits.ts.
 */
import { hiddenNote, type OutboxItem } from "../../model/alerts.ts";
import { showsTitle, type Action, type Card, type Reply } from "../../model/reply.ts";
import { chunkMarked, clip, ELLIPSIS, fitMarked, oneLine, spreadMarked, type Markup } from "../shared/text.ts";
import { actionId, encodeRequest } from "./action-value.ts";
import { SLACK_LIMITS as L } from "./limits.ts";

/** Plain text is shown literally by Slack (no mentions, links or formatting): sent unescaped. */
type PlainText = { type: "plain_text"; text: string; emoji?: boolean };
/** mrkdwn text is always built from escaped text; `verbatim` stops Slack's own auto-linking. */
type Mrkdwn = { type: "mrkdwn"; text: string; verbatim: true };
export type ButtonElement = { type: "button"; action_id: string; text: PlainText; value: string; style?: "primary" | "danger" };
/** The few blocks wq sends, narrow (assignable to Bolt's KnownBlock) so they can be measured. */
export type WqBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "actions"; elements: ButtonElement[] }
  | { type: "divider" };
type Block<T extends WqBlock["type"]> = Extract<WqBlock, { type: T }>;

export interface SlackMessage {
  /** The plain fallback (notifications, screen readers), escaped like all mrkdwn. */
  text: string;
  blocks: WqBlock[];
}

export interface RenderOptions {
  /** The Slack user who shared this message into a channel. */
  sharedBy?: string;
  /** Posted as an alert of this kind: the line for cards that did not fit says so. */
  alert?: OutboxItem["kind"];
}

// ---- mrkdwn: text wq did not write shows as itself ----

const ZWSP = "\u200b";

/**
 * Entities for `&`, `<` and `>` (so `<!channel>`, `<@U1>` and `<url|label>` stay literal); mrkdwn
 * has no escape character, so a zero-width space before `* _ ~ \`` and a line-leading `&gt;` keeps
 * them from formatting or quoting (docs/slack.md, "How messages are kept within Slack's limits").
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[*_~`]/g, (c) => ZWSP + c)
    .replace(/^&gt;/gm, ZWSP + "&gt;");
}

const bold = (escaped: string): string => `*${escaped}*`;

/** A link written by wq: only an https URL that cannot end the link markup; else the label alone. */
export function link(url: string, label: string): string {
  const text = escapeMrkdwn(label);
  if (!/^https:\/\/[^\s<>|]+$/.test(url)) return text;
  return `<${url.replace(/&/g, "&amp;")}|${text}>`;
}

/** Who shared a card; only a real-looking Slack user id is written as a mention. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : "someone";
}

const OPENS_AFTER = /[\s([{"'“‘-]/;
const CLOSES_BEFORE = /[\s)\]}"'”’.,;:!?-]/;

/**
 * mrkdwn honours bold only at word edges, with no space just inside the asterisks and within one
 * line; elsewhere a marked range stays plain rather than showing stray asterisks.
 */
export const MRKDWN: Markup = {
  escape: escapeMrkdwn,
  bold,
  canBold(text, start, end) {
    const [before, after, first = " ", last = " "] = [text[start - 1], text[end], text[start], text[end - 1]];
    if (/\s/.test(first) || /\s/.test(last) || text.slice(start, end).includes("\n")) return false;
    return (before === undefined || OPENS_AFTER.test(before)) && (after === undefined || CLOSES_BEFORE.test(after));
  },
};

// ---- blocks, clipped to the per-element limits; the message-wide ones are the renderer's ----

const plain = (text: string, max: number): PlainText => ({ type: "plain_text", text: clip(oneLine(text), max), emoji: false });
const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text: clip(text, L.sectionText), verbatim: true });

export const header = (text: string): Block<"header"> => ({ type: "header", text: plain(text, L.headerText) });
/** `text` must already be escaped and within the section limit; clipping here is a last guard. */
export const section = (text: string): Block<"section"> => ({ type: "section", text: mrkdwn(text) });
export const context = (texts: string[]): Block<"context"> => ({ type: "context", elements: texts.slice(0, L.contextElements).map(mrkdwn) });
const actions = (elements: ButtonElement[]): Block<"actions"> => ({ type: "actions", elements: elements.slice(0, L.actionsElements) });
const divider: Block<"divider"> = { type: "divider" };

export function button(id: string, label: string, value: string, style?: "primary" | "danger"): ButtonElement {
  return { type: "button", action_id: id.slice(0, L.actionId), text: plain(label, L.buttonText), value, ...(style ? { style } : {}) };
}

/** The characters of blocks that count toward Slack's message-wide block text limit. */
export function totalTextLength(blocks: readonly WqBlock[]): number {
  const one = (b: WqBlock): number => {
    if (b.type === "header" || b.type === "section") return b.text.text.length;
    if (b.type === "context") return b.elements.reduce((n, e) => n + e.text.length, 0);
    // Counted conservatively: labels and values both travel in the blocks.
    if (b.type === "actions") return b.elements.reduce((n, e) => n + e.text.text.length + e.value.length, 0);
    return 0;
  };
  return blocks.reduce((n, b) => n + one(b), 0);
}

/** A button for each action, ids unique in the message from `first` on; one whose request passes the value limit is left out. */
function buttonsFor(list: readonly Action[], first: number): ButtonElement[] {
  return list.flatMap((action, i) => {
    const value = encodeRequest(action.request);
    if (value === null) return [];
    return [button(actionId(action.kind, action.effect, first + i), action.label, value, action.style === "default" ? undefined : action.style)];
  });
}

/** Each card's buttons, ids unique in the message: the reply's own come first, then each card's in order. */
function cardButtons(reply: Reply): ButtonElement[][] {
  let next = reply.actions.length;
  return reply.cards.map((card) => buttonsFor(card.actions, (next += card.actions.length) - card.actions.length));
}

// ---- one message ----

/** What is left of a message's blocks and block text. */
type Room = { blocks: number; chars: number };
const wholeMessage = (): Room => ({ blocks: L.messageBlocks, chars: L.messageBlockText });
const fits = (room: Room, blocks: readonly WqBlock[]): boolean => blocks.length <= room.blocks && totalTextLength(blocks) <= room.chars;

/** Room kept back for the closing "N more not shown" line, and for the full answer's link out. */
const NOTE_CHARS = 120;
const CLOSING_LINK_CHARS = 320;
/** The least room a card gets: divider, title with a short body, context line, buttons. */
const COMPACT_CARD_CHARS = 900;
const COMPACT_CARD_BLOCKS = 4;

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const room = wholeMessage();
  const blocks: WqBlock[] = [];
  const add = (more: WqBlock[]): void => {
    room.blocks -= more.length;
    room.chars -= totalTextLength(more);
    blocks.push(...more);
  };
  // The reply's buttons and a "N more" line always come last: keep their room from the start.
  const own = buttonsFor(reply.actions, 0);
  const footer = own.length > 0 ? [actions(own)] : [];
  const free = (): Room => ({ blocks: room.blocks - footer.length - 1, chars: room.chars - NOTE_CHARS - totalTextLength(footer) });

  for (const block of headBlocks(reply, options)) {
    if (!fits(free(), [block])) break;
    add([block]);
  }
  // Each card gets a fair share of what is left, so a long first answer cannot starve the others;
  // when a fair share is too small for a useful card, fewer cards are shown rather than none.
  let shown = 0;
  const buttons = cardButtons(reply);
  for (const card of reply.cards) {
    const left = reply.cards.length - shown;
    const { blocks: b, chars: c } = free();
    const share = { blocks: Math.max(Math.floor(b / left), Math.min(b, COMPACT_CARD_BLOCKS)), chars: Math.max(Math.floor(c / left), Math.min(c, COMPACT_CARD_CHARS)) };
    const built = cardBlocks(card, buttons[shown] ?? [], share, shown > 0);
    if (!built) break;
    add(built);
    shown += 1;
  }
  if (shown < reply.cards.length) add([context([escapeMrkdwn(hiddenNote(reply.cards.length - shown, options.alert))])]);
  add(footer);
  return { text: fallback(reply), blocks };
}

/** Shared-by line, title and free text. Errors are one line; the rest get a header. */
function headBlocks(reply: Reply, options: RenderOptions): WqBlock[] {
  const blocks: WqBlock[] = options.sharedBy ? [context([`Shared by ${mention(options.sharedBy)}`])] : [];
  if (reply.kind === "error") return [...blocks, section(`:warning: ${bold(escapeMrkdwn(reply.title))} ${fitMarked(reply.text, [], L.sectionText - 200, MRKDWN).text}`)];
  if (showsTitle(reply)) blocks.push(header(reply.title));
  return [...blocks, ...chunkMarked(reply.text, [], L.sectionText, MRKDWN).map(section)];
}

/** The message's plain `text`: title and card titles (or the reply's text). */
function fallback(reply: Reply): string {
  const titles = reply.cards.map((c) => c.title).filter((t) => t && t !== reply.title);
  const parts = [reply.title, titles.length > 0 ? titles.join("; ") : reply.cards.length === 0 ? reply.text : ""];
  return fitMarked(parts.filter(Boolean).join(": ") || "wq", [], L.fallbackText, MRKDWN).text;
}

// ---- one card ----

/** Below this many characters of body a card is not worth showing; the reply says "N more". */
const MIN_BODY_CHARS = 280;
/** Field values are short facts; longer ones are cut so that fields cannot crowd out the body. */
const FIELD_VALUE_CHARS = 300;

/**
 * The card's blocks within `room`, or null when even a short body would not fit: its linked title
 * with as much of the body as the room allows over one or more sections, a context line (subtitle
 * and fields) and its buttons. A cut body links to the official page unless a button sends the
 * clicker the rest (a "private" action: the full answer).
 */
function cardBlocks(card: Card, buttons: ButtonElement[], room: Room, withDivider: boolean): WqBlock[] | null {
  const title = bold(link(card.url, card.title || "Untitled"));
  const facts = factItems(card);
  const tail: WqBlock[] = buttons.length > 0 ? [actions(buttons)] : [];
  const lead: WqBlock[] = withDivider ? [divider] : [];
  const more = card.actions.some((a) => a.effect === "private") ? "" : `${ELLIPSIS} ${link(card.url, "read the rest on the official site")}`;
  const fixedBlocks = lead.length + 1 + (facts.length > 0 || more ? 1 : 0) + tail.length;
  const chars = room.chars - (title.length + 1 + facts.join("").length + more.length + totalTextLength(tail));
  // Body section i holds what is left of the room, at most a section: the first shares its with the title.
  const sections = room.blocks - fixedBlocks + 1;
  const capacity = (i: number): number | null => {
    const cap = Math.min(L.sectionText - (i === 0 ? title.length + 1 : 0), chars - (i === 0 ? 0 : i * L.sectionText - title.length - 1));
    return i < sections && cap > 0 ? cap : null;
  };
  if (sections < 1 || Math.min(chars, sections * L.sectionText - title.length - 1) < Math.min(MIN_BODY_CHARS, escapeMrkdwn(card.body).length)) return null;

  const body = spreadMarked(card.body, card.markedRanges, capacity, MRKDWN);
  if (body.cut && more) facts.push(more);
  const [first = "", ...rest] = body.parts;
  // Slack refuses an empty context block, so a card with nothing to say there has none.
  return [...lead, section(first ? `${title}\n${first}` : title), ...rest.map(section), ...(facts.length > 0 ? [context(facts)] : []), ...tail];
}

/** The context line's items: subtitle, then "label: value" for each field. */
function factItems(card: Card): string[] {
  const items = card.subtitle ? [escapeMrkdwn(card.subtitle)] : [];
  for (const field of card.fields) items.push(`${bold(escapeMrkdwn(`${field.label}:`))} ${escapeMrkdwn(clip(field.value, FIELD_VALUE_CHARS))}`);
  // Context blocks take 10 elements: fold the rest into the last, keeping one free for the link out.
  const max = L.contextElements - 1;
  return items.length > max ? [...items.slice(0, max - 1), items.slice(max - 1).join(" · ")] : items;
}

/** A question card as a link preview: a glance, not the answer, so a short excerpt and no buttons. */
export function renderUnfurl(card: Card): WqBlock[] {
  return cardBlocks({ ...card, actions: [] }, [], { chars: 1500, blocks: 3 }, false) ?? [];
}

// ---- the whole answer, and the Home tab ----

/**
 * "Show full answer": the whole answer over at most four messages (a response_url takes five posts;
 * one stays free for an error). What still does not fit links to the official page.
 */
export function renderFull(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const maxMessages = L.responseUrlPosts - 1;
  const buttons = cardButtons(reply);
  const units = [...headBlocks(reply, options), ...reply.cards.flatMap((card, i) => cardBlocks(card, buttons[i] ?? [], { blocks: Infinity, chars: Infinity }, i > 0) ?? [])];
  const messages: WqBlock[][] = [[]];
  let room = wholeMessage();
  for (const unit of units) {
    // On the last message keep room for the closing link.
    const last = messages.length === maxMessages;
    if (!fits(last ? { blocks: room.blocks - 1, chars: room.chars - CLOSING_LINK_CHARS } : room, [unit])) {
      if (last) {
        messages[messages.length - 1]!.push(context([`The answer is too long for Slack: ${link(reply.cards[0]?.url ?? "", "read all of it on the official site")}.`]));
        break;
      }
      messages.push([]);
      room = wholeMessage();
    }
    room = { blocks: room.blocks - 1, chars: room.chars - totalTextLength([unit]) };
    messages[messages.length - 1]!.push(unit);
  }
  const base = fallback(reply);
  return messages
    .filter((m) => m.length > 0)
    .map((blocks, i, all) => ({ text: all.length > 1 ? `${base} (${i + 1} of ${all.length})` : base, blocks }));
}

const INTRO =
  "wq brings UK Parliament written questions and their answers into Slack. " +
  "Type `/wq` in any channel: results are shown only to you until you press *Share to channel*. " +
  "Links to questions-statements.parliament.uk unfurl into the question.";

/** The App Home tab: what wq does, then the core's own help (the syntax is written once, there). */
export function renderHome(help: Reply): { type: "home"; blocks: WqBlock[] } {
  const blocks: WqBlock[] = [header(help.title || "wq"), section(INTRO), divider];
  blocks.push(...chunkMarked(help.text, [], L.sectionText, MRKDWN).map(section));
  for (const card of help.cards) blocks.push(section(fitMarked(`${card.title}\n${card.body}`, [], L.sectionText, MRKDWN).text));
  blocks.push(context(["Answers are the official text from questions-statements.parliament.uk."]));
  return { type: "home", blocks: blocks.slice(0, L.homeBlocks) };
}
