/**
 * Text from Parliament and from users is plain text; Discord renders markdown and mentions in
 * content, embed titles, descriptions and fields. Escaping keeps a "*" in an answer a star and a
 * "<@123>" or "@everyone" in a query inert (allowedMentions stops the ping; this stops the look).
 */
import type { Markup } from "../shared/text.ts";

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
