/**
 * A core Reply as Slack messages within Slack's limits. `renderReply` makes one message (search
 * results, a card, help); `renderFull` spreads one long answer over a few messages.
 */
import { showsTitle, type Action, type Card, type Reply } from "../../model/reply.ts";
import { actionId, encodeRequest } from "./action-value.ts";
import { actions, button, context, header, section, totalTextLength, type ButtonElement, type WqBlock } from "./blocks.ts";
import { Budget } from "./budget.ts";
import { chunkMrkdwn, fitMrkdwn } from "./cut.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { bold, escapeMrkdwn, link, mention } from "./mrkdwn.ts";
import { cardBlocks } from "./render-card.ts";

export interface SlackMessage {
  /** The plain fallback (notifications, screen readers), escaped like all mrkdwn. */
  text: string;
  blocks: WqBlock[];
}

export interface RenderOptions {
  /** The Slack user who shared this message into a channel. */
  sharedBy?: string;
  /** Buttons left out (a shared card offers no Share, a full answer no "Show full answer"). */
  omit?: readonly string[];
  /** The line under the cards when some did not fit (default: the search results' wording). */
  hiddenNote?: (hidden: number) => string;
}

/** Room kept back for the closing "N more not shown" line, and for the full answer's link out. */
const NOTE_CHARS = 120;
const CLOSING_LINK_CHARS = 320;
/** The least room a card gets: divider, title with a short body, context line, buttons. */
const COMPACT_CARD_CHARS = 900;
const COMPACT_CARD_BLOCKS = 4;

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const budget = new Budget(SLACK_LIMITS.messageBlocks, SLACK_LIMITS.messageBlockText);
  const blocks: WqBlock[] = [];
  const add = (more: WqBlock[]): void => {
    budget.take(more);
    blocks.push(...more);
  };

  // Paging buttons and a "N more" line always come last: keep their room from the start.
  const footer = replyButtons(reply, options);
  const footerBlocks = footer.length > 0 ? [actions(footer)] : [];
  const reserved = new Budget(footerBlocks.length + 1, NOTE_CHARS + totalTextLength(footerBlocks));
  const free = (): Budget => new Budget(budget.blocksLeft - reserved.blocksLeft, budget.charsLeft - reserved.charsLeft);

  for (const block of headBlocks(reply, options)) {
    if (!free().fits([block])) break;
    add([block]);
  }
  const shown = showCards(reply, options, free, add);
  const hidden = reply.cards.length - shown;
  const note = options.hiddenNote ?? ((n: number) => `${n} more not shown here. Narrow the search, or use the page buttons.`);
  if (hidden > 0) add([context([escapeMrkdwn(note(hidden))])]);
  add(footerBlocks);
  return { text: fallback(reply), blocks };
}

/**
 * The cards that fit, each given a fair share of what is left so that a long first answer cannot
 * starve the others. Returns how many were shown.
 */
function showCards(reply: Reply, options: RenderOptions, free: () => Budget, add: (b: WqBlock[]) => void): number {
  for (const [i, card] of reply.cards.entries()) {
    const left = reply.cards.length - i;
    const room = free();
    const buttons = cardButtons(reply, card, options);
    const built = cardBlocks(card, buttons, {
      // When a fair share is too small for a useful card, show fewer cards rather than none.
      chars: Math.max(Math.floor(room.charsLeft / left), Math.min(room.charsLeft, COMPACT_CARD_CHARS)),
      blocks: Math.max(Math.floor(room.blocksLeft / left), Math.min(room.blocksLeft, COMPACT_CARD_BLOCKS)),
      divider: i > 0,
      hasFullButton: buttons.some((b) => b.action_id.startsWith("wq:full:")),
    });
    if (!built) return i;
    add(built);
  }
  return reply.cards.length;
}

/**
 * "Show full answer": the whole answer over at most four messages (a response_url takes five posts;
 * one stays free for an error). What still does not fit links to the official page.
 */
export function renderFull(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const maxMessages = SLACK_LIMITS.responseUrlPosts - 1;
  const omit = [...(options.omit ?? []), "full" as const];
  const units: WqBlock[] = [...headBlocks(reply, options)];
  for (const card of reply.cards) {
    const title = bold(link(card.url, card.title || "Untitled"));
    const chunks = chunkMrkdwn(card.body, card.markedRanges, SLACK_LIMITS.sectionText - title.length - 1);
    const [first = "", ...rest] = chunks;
    units.push(section(first ? `${title}\n${first}` : title), ...rest.map((c) => section(c)));
    const buttons = cardButtons(reply, card, { ...options, omit });
    if (card.subtitle) units.push(context([escapeMrkdwn(card.subtitle)]));
    if (buttons.length > 0) units.push(actions(buttons));
  }

  const messages: WqBlock[][] = [];
  let current: WqBlock[] = [];
  let budget = new Budget(SLACK_LIMITS.messageBlocks, SLACK_LIMITS.messageBlockText);
  let overflow = false;
  for (const unit of units) {
    const last = messages.length === maxMessages - 1;
    // On the last message keep room for the closing link.
    const spare = last ? new Budget(budget.blocksLeft - 1, budget.charsLeft - CLOSING_LINK_CHARS) : budget;
    if (!spare.fits([unit])) {
      if (last) {
        overflow = true;
        break;
      }
      messages.push(current);
      current = [];
      budget = new Budget(SLACK_LIMITS.messageBlocks, SLACK_LIMITS.messageBlockText);
    }
    budget.take([unit]);
    current.push(unit);
  }
  if (overflow) {
    const url = reply.cards[0]?.url ?? "";
    current.push(context([`The answer is too long for Slack: ${link(url, "read all of it on the official site")}.`]));
  }
  messages.push(current);
  const base = fallback(reply);
  return messages
    .filter((m) => m.length > 0)
    .map((blocks, i, all) => ({ text: all.length > 1 ? `${base} (${i + 1} of ${all.length})` : base, blocks }));
}

/** Shared-by line, title and free text. Errors are one line; the rest get a header. */
function headBlocks(reply: Reply, options: RenderOptions): WqBlock[] {
  const blocks: WqBlock[] = [];
  if (options.sharedBy) blocks.push(context([`Shared by ${mention(options.sharedBy)}`]));
  if (reply.kind === "error") {
    blocks.push(section(`:warning: ${bold(escapeMrkdwn(reply.title))} ${fitMrkdwn(reply.text, [], SLACK_LIMITS.sectionText - 200).mrkdwn}`));
    return blocks;
  }
  if (showsTitle(reply)) blocks.push(header(reply.title));
  if (reply.text) blocks.push(...chunkMrkdwn(reply.text, [], SLACK_LIMITS.sectionText).map((c) => section(c)));
  return blocks;
}

function cardButtons(reply: Reply, card: Card, options: RenderOptions): ButtonElement[] {
  // Ids are unique within a message: the reply's own buttons come first, then each card's.
  const before = reply.actions.length + reply.cards.slice(0, reply.cards.indexOf(card)).reduce((n, c) => n + c.actions.length, 0);
  return buttonsFor(card.actions, before, options);
}

/** Buttons for the whole reply (paging, a preview's confirm). */
function replyButtons(reply: Reply, options: RenderOptions): ButtonElement[] {
  return buttonsFor(reply.actions, 0, options);
}

/** A button for each action; an action whose state passes the value limit is left out. */
function buttonsFor(actions: readonly Action[], firstIndex: number, options: RenderOptions): ButtonElement[] {
  const out: ButtonElement[] = [];
  for (const [i, action] of actions.entries()) {
    if (options.omit?.includes(action.kind)) continue;
    const value = encodeRequest(action.request);
    if (value === null) continue;
    const style = action.style === "default" ? undefined : action.style;
    out.push(button(actionId(action.kind, action.effect, firstIndex + i), action.label, value, style));
  }
  return out;
}

/** The message's plain `text`: title and card titles (or the reply's text). */
function fallback(reply: Reply): string {
  const titles = reply.cards.map((c) => c.title).filter((t) => t && t !== reply.title);
  const parts = [reply.title, titles.length > 0 ? titles.join("; ") : reply.cards.length === 0 ? reply.text : ""];
  const plain = parts.filter(Boolean).join(": ") || "wq";
  return fitMrkdwn(plain, [], SLACK_LIMITS.fallbackText).mrkdwn;
}
