/**
 * Reply -> a Discord message: a header line as content, one embed per card, buttons for actions.
 * Pure and synchronous: the custom_ids are worked out beforehand (they may need the store).
 * Every cut goes through limits.ts; every string from Parliament or a user is escaped.
 */
import {
  ButtonStyle,
  ComponentType,
  embedLength,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import { showsTitle, type Action, type ActionStyle, type Card, type Reply } from "../../model/reply.ts";
import { escapeMarkdown, markedMarkdown, plain } from "./escape.ts";
import { ELLIPSIS, LIMITS, cutText, fitPrefix } from "./limits.ts";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What every message wq sends looks like; `allowedMentions` is always "ping nobody". */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
}

export const NO_MENTIONS: { parse: [] } = { parse: [] };

const COLOR = { card: 0x006e46, info: 0x4e5d94, error: 0xd4351c } as const;
/** Below this much room an extra card is more noise than news: say how many were left out. */
const MIN_CARD_ROOM = 400;
const CUT_NOTE = "\n\n*Cut to fit Discord: the title links to the full text.*";
const CUT_NOTE_NO_LINK = "\n\n*Cut to fit Discord.*";

export interface RenderOptions {
  /** Markdown put before the reply's own header (e.g. who shared it). Written by wq, not escaped. */
  header?: string;
  /** Which actions become buttons (default all). */
  keepAction?: (action: Action) => boolean;
  /**
   * Text wq adds at the end of the last embed's footer (a channel alert's key mark), kept within
   * the limits: its room is reserved before the cards are filled.
   */
  footerMark?: string;
  /** The line when some cards did not fit (default: Discord's limit is named). */
  hiddenNote?: (hidden: number) => string;
}

export function renderReply(reply: Reply, customIds: ReadonlyMap<Action, string>, options: RenderOptions = {}): DiscordMessage {
  const mark = options.footerMark ? plain(options.footerMark).slice(0, 200) : "";
  if (reply.cards.length === 0) {
    // Help, status and errors: one embed, so long help text gets 4,096 characters, not 2,000.
    const embed: APIEmbed = { color: reply.kind === "error" ? COLOR.error : COLOR.info };
    if (reply.title) embed.title = fit(reply.title, LIMITS.embedTitle);
    if (reply.text) embed.description = fit(reply.text, LIMITS.embedDescription);
    if (mark) embed.footer = { text: mark };
    return message(options.header ?? "", [embed], buttons(reply, [], customIds, options));
  }

  const embeds: APIEmbed[] = [];
  // The mark joins the last footer as " · mark": keep its room from the start.
  let used = mark ? mark.length + 3 : 0;
  const numbered = reply.cards.length > 1;
  for (const [i, card] of reply.cards.entries()) {
    const room = LIMITS.embedsTotal - used;
    if (embeds.length === LIMITS.embedsPerMessage || (i > 0 && room < MIN_CARD_ROOM)) break;
    const embed = cardEmbed(card, room, numbered ? i + 1 : undefined);
    used += embedLength(embed);
    embeds.push(embed);
  }
  const shown = reply.cards.slice(0, embeds.length);
  const hidden = reply.cards.length - shown.length;
  const noteText = options.hiddenNote ? escapeMarkdown(options.hiddenNote(hidden)) : `${hidden} more not shown: Discord limits what one message holds.`;
  const note = hidden > 0 ? `*${noteText}*` : "";
  const last = embeds.at(-1);
  if (mark && last) last.footer = { text: last.footer ? `${cutText(last.footer.text, LIMITS.footer - mark.length - 3)} · ${mark}` : mark };
  const title = showsTitle(reply) ? reply.title : "";
  const content = header([options.header ?? "", title, reply.text, note]);
  return message(content, embeds, buttons(reply, shown, customIds, options));
}

/**
 * The content line(s): wq's own header (markdown, kept whole), the reply's title in bold and its
 * text (both escaped and cut to the room left), then wq's note. Together within 2,000 characters.
 */
function header([own, title, text, note]: [string, string, string, string]): string {
  const joined = (parts: string[]): string => parts.filter(Boolean).join("\n");
  let room = LIMITS.content - joined([own, note]).length - (own || note ? 1 : 0);
  const bold = title ? `**${fit(title, Math.max(1, room - 5))}**` : "";
  room -= bold.length + (bold ? 1 : 0);
  const plainText = text && room > 1 ? fit(text, room) : "";
  return joined([own, bold, plainText, note]);
}

function message(content: string, embeds: APIEmbed[], components: ButtonRow[]): DiscordMessage {
  return { content, embeds, components, allowedMentions: NO_MENTIONS };
}

/** Plain text escaped and cut to `max` at a boundary, "…" when cut. */
function fit(text: string, max: number): string {
  const render = (n: number): string => escapeMarkdown(text.slice(0, n)) + (n < text.length ? ELLIPSIS : "");
  return render(fitPrefix(text, max, render));
}

function cardEmbed(card: Card, room: number, number: number | undefined): APIEmbed {
  const embed: APIEmbed = { color: COLOR.card };
  const prefix = number === undefined ? "" : `${number}. `;
  embed.title = prefix + fit(card.title, LIMITS.embedTitle - prefix.length);
  if (isWebUrl(card.url)) embed.url = card.url;
  // A quarter of the room at most, so a later card's title, footer and some body always fit.
  if (card.subtitle) embed.footer = { text: cutText(plain(card.subtitle), Math.min(LIMITS.footer, Math.floor(room / 4))) };
  const fields: APIEmbedField[] = card.fields.slice(0, LIMITS.embedFields).map((f) => {
    const value = fit(f.value, LIMITS.fieldValue) || "-";
    return { name: fit(f.label, LIMITS.fieldName) || "\u200b", value, inline: value.length <= 40 };
  });
  // Fields give way before the body when room is short: the body is what people came for.
  const fixed = (): number => embedLength({ ...embed, fields });
  while (fields.length > 0 && room - fixed() < Math.min(MIN_CARD_ROOM, card.body.length + 1)) fields.pop();
  if (fields.length > 0) embed.fields = fields;
  const descriptionRoom = Math.min(LIMITS.embedDescription, room - fixed());
  const description = body(card, descriptionRoom);
  if (description) embed.description = description;
  return embed;
}

/** The body with marked words in bold, cut at a paragraph boundary with a note when cut. */
function body(card: Card, max: number): string {
  const text = card.body;
  const cutNote = ELLIPSIS + (isWebUrl(card.url) ? CUT_NOTE : CUT_NOTE_NO_LINK);
  const render = (n: number): string => markedMarkdown(text, card.markedRanges, n) + (n < text.length ? cutNote : "");
  const whole = render(text.length);
  if (whole.length <= max) return whole;
  // Too little room even for the note: show nothing rather than a bare note.
  if (render(0).length > max) return "";
  return render(fitPrefix(text, max, render));
}

function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

type Button = APIButtonComponentWithCustomId;

const BUTTON_STYLE: Readonly<Record<ActionStyle, Button["style"]>> = {
  primary: ButtonStyle.Primary,
  default: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

/**
 * Page buttons on their own row, then each shown card's buttons, a card's buttons never split
 * across rows ("2. Show full answer" next to "2. Share to channel"); at most 5 rows of 5.
 */
function buttons(reply: Reply, shown: readonly Card[], customIds: ReadonlyMap<Action, string>, options: RenderOptions): ButtonRow[] {
  const keep = options.keepAction ?? (() => true);
  const numbered = shown.length > 1;
  const seen = new Set<string>();
  const toButton = (action: Action, index?: number): Button[] => {
    const id = customIds.get(action);
    if (id === undefined || seen.has(id) || !keep(action)) return [];
    seen.add(id);
    const label = numbered && index !== undefined ? `${index + 1}. ${action.label}` : action.label;
    return [{ type: ComponentType.Button, style: BUTTON_STYLE[action.style], label: cutText(plain(label), LIMITS.buttonLabel), custom_id: id }];
  };
  const pages = reply.actions.flatMap((a) => toButton(a));
  const perCard = shown.map((card, i) => card.actions.flatMap((a) => toButton(a, i)));
  return [...pack([pages]), ...pack(perCard)].slice(0, LIMITS.actionRows).map((components) => ({ type: ComponentType.ActionRow, components }));
}

/** Rows of at most five buttons, starting a new row rather than splitting a group. */
function pack(groups: Button[][]): Button[][] {
  const rows: Button[][] = [];
  for (const group of groups) {
    const last = rows.at(-1);
    if (last && last.length + group.length <= LIMITS.buttonsPerRow) last.push(...group);
    else for (let i = 0; i < group.length; i += LIMITS.buttonsPerRow) rows.push(group.slice(i, i + LIMITS.buttonsPerRow));
  }
  return rows;
}
