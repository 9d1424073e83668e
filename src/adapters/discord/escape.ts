/**
 * Text from Parliament and from users is plain text; Discord renders markdown and mentions in
 * content, embed titles, descriptions and fields. Escaping keeps a "*" in an answer a star and a
 * "<@123>" or "@everyone" in a query inert (allowedMentions stops the ping; this stops the look).
 */

// Characters that start markdown anywhere in a line. Discord drops a backslash before punctuation.
const INLINE = /[\\*_~`|<>[\]]/g;
// Characters that start markdown only at the start of a line: headings, subtext ("-#"), lists.
const LINE_START = /^(\s*)([#+-])/gm;
// A numbered list ("1. "): the dot is what Discord lets us escape.
const NUMBERED = /^(\s*)(\d+)\.(?=\s)/gm;
// Mass mentions render highlighted even when they cannot ping: a zero-width space breaks them.
const MASS_MENTION = /@(everyone|here)\b/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, "\\$&")
    .replace(LINE_START, "$1\\$2")
    .replace(NUMBERED, "$1$2\\.")
    .replace(MASS_MENTION, "@\u200b$1");
}

/** For places that show text as is (footers, button labels, choices): only mass mentions. */
export function plain(text: string): string {
  return text.replace(MASS_MENTION, "@\u200b$1");
}

/**
 * The first `n` characters of `body`, escaped, with each marked [start, end) range in bold.
 * Ranges are offsets into the unescaped body, so we escape piece by piece.
 */
export function markedMarkdown(body: string, ranges: ReadonlyArray<readonly [number, number]>, n = body.length): string {
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(e, n)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue; // overlapping range: the first one wins
    out += escapeMarkdown(body.slice(at, start));
    const word = body.slice(start, end);
    // "****" or bold around spaces does not render: leave blank marks alone.
    out += word.trim() ? `**${escapeMarkdown(word)}**` : escapeMarkdown(word);
    at = end;
  }
  return out + escapeMarkdown(body.slice(at, n));
}
