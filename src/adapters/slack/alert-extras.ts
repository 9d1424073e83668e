/**
 * What a channel alert adds to its rendered message in Slack: the pings its subscription asked
 * for (`notify:`), and a correction's word diff (struck out ~like this~, put in *like this*).
 */
import type { AnswerDiff } from "../../model/answer-diff.ts";
import type { Mention, OutboxItem } from "../../model/alerts.ts";
import { renderDiff } from "../shared/diff-markup.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { escapeMrkdwn, section, totalTextLength, type SlackMessage, type WqBlock } from "./render.ts";

/**
 * Slack's mention markup for the ids a validator found: `<!subteam^S…>` for a user group, `<@U…>`
 * for a user. Ids of any other shape are dropped, so nothing but a ping wq was told to make can
 * come out of here.
 */
export function slackMention(m: Mention): string | null {
  if (m.kind === "group") return /^S[A-Z0-9]{2,30}$/.test(m.id) ? `<!subteam^${m.id}>` : null;
  return /^[UW][A-Z0-9]{2,30}$/.test(m.id) ? `<@${m.id}>` : null;
}

export function mentionLine(mentions: readonly Mention[]): string {
  return mentions.flatMap((m) => slackMention(m) ?? []).join(" ");
}

/** The diff as one section: its label, then the answer's changes, cut to fit what the message has left. */
export function diffBlock(diff: AnswerDiff, charsLeft: number): WqBlock | null {
  const label = `*${escapeMrkdwn(diff.label)}*`;
  const note = diff.wordLevel ? "" : `\n${escapeMrkdwn("(changed too much to compare word by word: the old answer struck out, the new one in bold)")}`;
  const room = Math.min(SLACK_LIMITS.sectionText, charsLeft) - label.length - note.length - 1;
  if (room < 100) return null;
  const body = renderDiff(diff.segments, { escape: escapeMrkdwn, del: "~", ins: "*", markNeedsEdge: true }, room);
  return section(`${label}\n${body.text}${note}`);
}

/** The message with the item's pings first and its diff before the buttons. */
export function withAlertExtras(message: SlackMessage, item: Pick<OutboxItem, "mentions" | "reply">): SlackMessage {
  let blocks = message.blocks;
  let text = message.text;
  const diff = item.reply.diff;
  if (diff) {
    const charsLeft = SLACK_LIMITS.messageBlockText - totalTextLength(blocks);
    const block = blocks.length < SLACK_LIMITS.messageBlocks - 1 ? diffBlock(diff, charsLeft - 200) : null;
    if (block) {
      const last = blocks[blocks.length - 1];
      blocks = last?.type === "actions" ? [...blocks.slice(0, -1), block, last] : [...blocks, block];
    }
  }
  const pings = mentionLine(item.mentions ?? []);
  if (pings) {
    // In the text (what notifies) and at the top of the blocks (what is shown).
    text = `${pings} ${text}`.slice(0, SLACK_LIMITS.fallbackText);
    if (blocks.length < SLACK_LIMITS.messageBlocks) blocks = [section(pings), ...blocks];
  }
  return { text, blocks };
}
