/**
 * Reply -> a Discord message: a header line as content, one embed per card, buttons for actions.
 * `buildMessage` gives each action its custom_id (which may mean a store write for a long request),
 * then `renderReply` lays the message out, pure and synchronous. Every string from Parliament or a
 * user is escaped and cut to Discord's limits (limits.ts) through the shared text fitting.
 *
 * Text from Parliament and from users is plain text; Discord renders markdown and mentions in
 * content, embed titles, descriptions and fields. Escaping keeps a "*" in an answer a star and a
 * "<@123>" or "@everyone" in a query inert (allowedMentions stops the ping; this stops the look).
 */
import { ButtonStyle, ComponentType, embedLength, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from "discord.js";
import { hiddenNote, type OutboxItem } from "../../model/alerts.ts";
import { allActions, showsTitle, type Action, type ActionStyle, type Card, type Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { ELLIPSIS, cutText, fitMarked, type Markup } from "../shared/text.ts";
import { encodeCustomId } from "./custom-id.ts";
import { LIMITS } from "./limits.ts";
import { withImageAttachments, type AttachedFile } from "./image-attachment.ts";

// Characters that start markdown anywhere in a line. Discord drops a backslash before punctuation.
const INLINE = /[\\*_~`|<>[\]]/g;
// Characters that start markdown only at the start of a line: headings, subtext ("-#"), lists.
const LINE_START = /^(\s*)([#+-])/gm;
// A numbered list ("1. "): the dot is what Discord lets us escape.
const NUMBERED = /^(\s*)(\d+)\.(?=\s)/gm;
// Mass mentions render highlighted even when they cannot ping: a zero-width space breaks them.
const MASS_MENTION = /@(everyone|here)\b/g;

export function escapeMarkdown(text: string): string {
  return plain(text.replace(INLINE, "\\$&").replace(LINE_START, "$1\\$2").replace(NUMBERED, "$1$2\\."));
}

/** For places that show text as is (footers, button labels, choices): only mass mentions. */
export function plain(text: string): string {
  return text.replace(MASS_MENTION, "@\u200b$1");
}

/** Discord's markdown for the shared text fitting: marked words in bold ("****" would not render: blanks stay plain). */
export const MARKDOWN: Markup = { escape: escapeMarkdown, bold: (escaped) => `**${escaped}**` };

type Button = APIButtonComponentWithCustomId;
export type ButtonRow = APIActionRowComponent<Button>;

/** What every message wq sends looks like; `allowedMentions` is always "ping nobody". */
export type DiscordMessage = { content: string; embeds: APIEmbed[]; components: ButtonRow[]; allowedMentions: { parse: [] } };

export const NO_MENTIONS: { parse: [] } = { parse: [] };

const COLOR = { card: 0x006e46, info: 0x4e5d94, error: 0xd4351c } as const;
const BUTTON_STYLE: Readonly<Record<ActionStyle, Button["style"]>> = { primary: ButtonStyle.Primary, default: ButtonStyle.Secondary, danger: ButtonStyle.Danger };
/** Below this much room an extra card is more noise than news: say how many were left out. */
const MIN_CARD_ROOM = 400;
const CUT_NOTE = "\n\n*Cut to fit Discord: the title links to the full text.*";
const CUT_NOTE_NO_LINK = "\n\n*Cut to fit Discord.*";

export interface RenderOptions {
  /** Markdown put before the reply's own header (e.g. who shared it). Written by wq, not escaped. */
  header?: string;
  /**
   * Text wq adds at the end of the last embed's footer (a channel alert's key mark), kept within
   * the limits: its room is reserved before the cards are filled.
   */
  footerMark?: string;
  /** The kind of channel alert this is, for the note on cards left out (none for a command's reply). */
  alert?: OutboxItem["kind"];
}

/** The reply with a custom_id for each action, rendered: what goes to Discord. */
export async function buildMessage(reply: Reply, store: Pick<Store, "setMeta">, options: RenderOptions = {}): Promise<DiscordMessage & { files?: AttachedFile[] }> {
  const ids = new Map<Action, string>();
  for (const action of allActions(reply)) ids.set(action, await encodeCustomId(action, store));
  // A chart rides as an attachment shown in the first embed (image-attachment.ts).
  return withImageAttachments(renderReply(reply, ids, options), reply.images);
}

export function renderReply(reply: Reply, customIds: ReadonlyMap<Action, string>, options: RenderOptions = {}): DiscordMessage {
  const mark = options.footerMark ? plain(options.footerMark).slice(0, 200) : "";
  if (reply.cards.length === 0) {
    // Help, status and errors: one embed, so long help text gets 4,096 characters, not 2,000.
    const embed: APIEmbed = { color: reply.kind === "error" ? COLOR.error : COLOR.info };
    if (reply.title) embed.title = fit(reply.title, LIMITS.embedTitle);
    if (reply.text) embed.description = fit(reply.text, LIMITS.embedDescription);
    if (mark) embed.footer = { text: mark };
    return message(options.header ?? "", [embed], buttons(reply, [], customIds));
  }

  const embeds: APIEmbed[] = [];
  // The mark joins the last footer as " · mark": keep its room from the start.
  let used = mark ? mark.length + 3 : 0;
  for (const [i, card] of reply.cards.entries()) {
    const room = LIMITS.embedsTotal - used;
    if (embeds.length === LIMITS.embedsPerMessage || (i > 0 && room < MIN_CARD_ROOM)) break;
    const embed = cardEmbed(card, room, reply.cards.length > 1 ? `${i + 1}. ` : "");
    used += embedLength(embed);
    embeds.push(embed);
  }
  const shown = reply.cards.slice(0, embeds.length);
  const hidden = reply.cards.length - shown.length;
  const last = embeds.at(-1);
  if (mark && last) last.footer = { text: last.footer ? `${cutText(last.footer.text, LIMITS.footer - mark.length - 3)} · ${mark}` : mark };
  const content = header(options.header ?? "", showsTitle(reply) ? reply.title : "", reply.text, hidden > 0 ? `*${escapeMarkdown(hiddenNote(hidden, options.alert))}*` : "");
  return message(content, embeds, buttons(reply, shown, customIds));
}

/**
 * The content line(s): wq's own header (markdown, kept whole), the reply's title in bold and its
 * text (both escaped and cut to the room left), then wq's note. Together within 2,000 characters.
 */
function header(own: string, title: string, text: string, note: string): string {
  const joined = (parts: string[]): string => parts.filter(Boolean).join("\n");
  let room = LIMITS.content - joined([own, note]).length - (own || note ? 1 : 0);
  const bold = title ? `**${fit(title, Math.max(1, room - 5))}**` : "";
  room -= bold.length + (bold ? 1 : 0);
  return joined([own, bold, text && room > 1 ? fit(text, room) : "", note]);
}

const message = (content: string, embeds: APIEmbed[], components: ButtonRow[]): DiscordMessage => ({ content, embeds, components, allowedMentions: NO_MENTIONS });

/** Plain text escaped and cut to `max` at a boundary, "…" when cut. */
const fit = (text: string, max: number): string => fitMarked(text, [], max, MARKDOWN).text;

function cardEmbed(card: Card, room: number, prefix: string): APIEmbed {
  const embed: APIEmbed = { color: COLOR.card, title: prefix + fit(card.title, LIMITS.embedTitle - prefix.length) };
  const linked = isWebUrl(card.url);
  if (linked) embed.url = card.url;
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
  // The body with marked words in bold, cut at a paragraph boundary with a note when cut.
  const body = fitMarked(card.body, card.markedRanges, Math.min(LIMITS.embedDescription, room - fixed()), MARKDOWN, ELLIPSIS + (linked ? CUT_NOTE : CUT_NOTE_NO_LINK));
  if (body.text) embed.description = body.text;
  return embed;
}

const isWebUrl = (url: string): boolean => URL.canParse(url) && ["https:", "http:"].includes(new URL(url).protocol);

/**
 * Page buttons on their own row, then each shown card's buttons, a card's buttons never split
 * across rows ("2. Show full answer" next to "2. Share to channel"); at most 5 rows of 5.
 */
function buttons(reply: Reply, shown: readonly Card[], customIds: ReadonlyMap<Action, string>): ButtonRow[] {
  const seen = new Set<string>();
  const toButton = (action: Action, number = ""): Button[] => {
    const id = customIds.get(action);
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    return [{ type: ComponentType.Button, style: BUTTON_STYLE[action.style], label: cutText(plain(number + action.label), LIMITS.buttonLabel), custom_id: id }];
  };
  const perCard = shown.map((card, i) => card.actions.flatMap((a) => toButton(a, shown.length > 1 ? `${i + 1}. ` : "")));
  return [...pack([reply.actions.flatMap((a) => toButton(a))]), ...pack(perCard)].slice(0, LIMITS.actionRows).map((components) => ({ type: ComponentType.ActionRow, components }));
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
