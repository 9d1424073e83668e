/**
 * Turning text wq did not write (queries, parliamentary text) into Slack mrkdwn that shows exactly
 * that text: no mention, link, formatting or quote that the text itself could trigger.
 */

const ZWSP = "\u200b";

/**
 * Escapes `&`, `<` and `>` (so `<!channel>`, `<@U1>` and `<url|label>` stay literal) and breaks
 * the characters mrkdwn reads as formatting. mrkdwn has no escape character; a zero-width space
 * before `* _ ~ \`` keeps them from opening or closing bold, italic, strike or code, and one
 * before a line-leading `&gt;` keeps a line from becoming a quote. Use with `verbatim: true`, so
 * Slack does not link bare channel names or URLs either.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[*_~`]/g, (c) => ZWSP + c)
    .replace(/^&gt;/gm, ZWSP + "&gt;");
}

/** Our own bold around text that is escaped first. */
export function bold(escaped: string): string {
  return `*${escaped}*`;
}

/**
 * A link written by wq. Only an https URL without characters that could end the link markup is
 * linked; anything else shows as its label alone.
 */
export function link(url: string, label: string): string {
  const text = escapeMrkdwn(label);
  if (!/^https:\/\/[^\s<>|]+$/.test(url)) return text;
  return `<${url.replace(/&/g, "&amp;")}|${text}>`;
}

/** A user mention written by wq (who shared a card); only a real-looking Slack user id is used. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : "someone";
}

/**
 * `text` escaped, with the [start, end) `ranges` in bold. A range is bolded only where mrkdwn will
 * honour it (at word edges, no space just inside the asterisks); elsewhere it stays plain rather
 * than showing stray asterisks. Offsets are into the plain text, so bolding happens segment by
 * segment before escaping changes lengths.
 */
export function markedMrkdwn(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = "";
  let at = 0;
  for (const [start, end] of normaliseRanges(text.length, ranges)) {
    out += escapeMrkdwn(text.slice(at, start));
    const segment = text.slice(start, end);
    out += canBold(text, start, end) ? bold(escapeMrkdwn(segment)) : escapeMrkdwn(segment);
    at = end;
  }
  return out + escapeMrkdwn(text.slice(at));
}

/** Sorted, clipped to the text, overlaps merged, empty ones dropped. */
export function normaliseRanges(length: number, ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const OPENS_AFTER = /[\s([{"'“‘-]/;
const CLOSES_BEFORE = /[\s)\]}"'”’.,;:!?-]/;

function canBold(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const first = text[start] ?? " ";
  const last = text[end - 1] ?? " ";
  if (/\s/.test(first) || /\s/.test(last)) return false;
  if (text.slice(start, end).includes("\n")) return false;
  return (before === undefined || OPENS_AFTER.test(before)) && (after === undefined || CLOSES_BEFORE.test(after));
}
