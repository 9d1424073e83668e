/**
 * What a channel alert adds to its rendered message in Discord: the pings its subscription asked
 * for (`notify:`), with allowed_mentions naming exactly those ids so nothing else in the message
 * can ping, and a correction's word diff (struck out ~~like this~~, put in **like this**).
 */
import { embedLength, type APIEmbed } from "discord.js";
import type { AnswerDiff } from "../../model/answer-diff.ts";
import type { Mention, OutboxItem } from "../../model/alerts.ts";
import { renderDiff } from "../shared/diff-markup.ts";
import { escapeMarkdown, plain } from "./render.ts";
import { LIMITS } from "./limits.ts";
import type { DiscordMessage } from "./render.ts";

const SNOWFLAKE = /^\d{15,22}$/;

/** Who may be pinged: exactly the validated ids, nothing parsed from text. */
export interface AllowedMentions {
  parse: [];
  roles?: string[];
  users?: string[];
}

/** `<@&role>` for a role, `<@user>` for a user; ids that are not snowflakes are dropped. */
export function discordMention(m: Mention): string | null {
  if (!SNOWFLAKE.test(m.id)) return null;
  return m.kind === "group" ? `<@&${m.id}>` : `<@${m.id}>`;
}

export function allowedMentionsFor(mentions: readonly Mention[]): AllowedMentions {
  const roles = mentions.filter((m) => m.kind === "group" && SNOWFLAKE.test(m.id)).map((m) => m.id);
  const users = mentions.filter((m) => m.kind === "user" && SNOWFLAKE.test(m.id)).map((m) => m.id);
  return { parse: [], ...(roles.length ? { roles } : {}), ...(users.length ? { users } : {}) };
}

const COLOR = 0xb58105;

/** The diff as an embed within what the message has left of Discord's 6,000 characters. */
export function diffEmbed(diff: AnswerDiff, charsLeft: number): APIEmbed | null {
  const note = diff.wordLevel ? "" : "\n*Changed too much to compare word by word: the old answer struck out, the new one in bold.*";
  const title = plain(diff.label).slice(0, LIMITS.embedTitle);
  const room = Math.min(LIMITS.embedDescription, charsLeft - title.length) - note.length;
  if (room < 100) return null;
  const body = renderDiff(diff.segments, { escape: escapeMarkdown, del: "~~", ins: "**", markNeedsEdge: false }, room);
  return { title, description: `${body.text}${note}`, color: COLOR };
}

/** The message with the item's pings first in its content and its diff as one more embed. */
export function withAlertExtras(message: DiscordMessage, item: Pick<OutboxItem, "mentions" | "reply">): DiscordMessage & { allowedMentions: AllowedMentions } {
  let embeds = message.embeds;
  const diff = item.reply.diff;
  if (diff && embeds.length < LIMITS.embedsPerMessage) {
    const used = embeds.reduce((n, e) => n + embedLength(e), 0);
    const embed = diffEmbed(diff, LIMITS.embedsTotal - used);
    if (embed) embeds = [...embeds, embed];
  }
  const mentions = item.mentions ?? [];
  const pings = mentions.flatMap((m) => discordMention(m) ?? []).join(" ");
  const content = pings ? `${pings}\n${message.content}`.slice(0, LIMITS.content) : message.content;
  return { ...message, content, embeds, allowedMentions: allowedMentionsFor(mentions) };
}
