/**
 * Fitting plain text into mrkdwn of a given rendered length: cut at a paragraph where we can,
 * else a line, a sentence or a word. Escaping lengthens text (`&` becomes `&amp;`), so the cut is
 * made on the plain text and checked on the rendered result.
 */
import { ELLIPSIS } from "./limits.ts";
import { markedMrkdwn, normaliseRanges } from "./mrkdwn.ts";

export interface Fitted {
  /** The rendered mrkdwn, at most the asked length. */
  mrkdwn: string;
  /** How many characters of the plain text it shows (the rest starts after this). */
  consumed: number;
  /** True when some of the text did not fit. */
  cut: boolean;
}

type Ranges = ReadonlyArray<readonly [number, number]>;

/** The longest boundary-cut prefix of `text` whose rendering fits in `max` characters. */
export function fitMrkdwn(text: string, ranges: Ranges, max: number): Fitted {
  const whole = markedMrkdwn(text, ranges);
  if (whole.length <= max) return { mrkdwn: whole, consumed: text.length, cut: false };
  let limit = Math.min(text.length, max - ELLIPSIS.length);
  while (limit > 0) {
    const end = boundaryBefore(text, limit);
    const shown = text.slice(0, end).trimEnd();
    const rendered = markedMrkdwn(shown, ranges) + ELLIPSIS;
    if (rendered.length <= max && shown.length > 0) return { mrkdwn: rendered, consumed: end, cut: true };
    // Shrink in proportion to the overshoot (escaping may have made it several times longer) and
    // try again; ends because limit strictly falls.
    limit = Math.min(limit - 1, end - 1, Math.floor((end * max) / rendered.length));
  }
  return { mrkdwn: "", consumed: 0, cut: text.length > 0 };
}

/**
 * Splits `text` into rendered chunks of at most `max` characters each, in order, cutting at
 * boundaries. Marked ranges are carried over with shifted offsets.
 */
export function chunkMrkdwn(text: string, ranges: Ranges, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  let restRanges = normaliseRanges(text.length, ranges);
  while (rest.trim().length > 0) {
    const fitted = fitMrkdwn(rest, restRanges, max);
    if (fitted.consumed === 0) break;
    chunks.push(fitted.cut ? fitted.mrkdwn.slice(0, -ELLIPSIS.length) : fitted.mrkdwn);
    const lead = rest.slice(fitted.consumed).length - rest.slice(fitted.consumed).trimStart().length;
    const shift = fitted.consumed + lead;
    rest = rest.slice(shift);
    restRanges = normaliseRanges(rest.length, restRanges.map(([s, e]): [number, number] => [s - shift, e - shift]));
  }
  return chunks;
}

/**
 * Where to cut before `limit`: the last paragraph break, line break, sentence end or space that
 * keeps at least half of what would fit; else `limit` itself (never inside a surrogate pair).
 */
export function boundaryBefore(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  const head = text.slice(0, limit + 1);
  const floor = Math.floor(limit / 2);
  for (const sep of ["\n\n", "\n", ". ", " "]) {
    const at = head.lastIndexOf(sep);
    if (at >= floor && at > 0) return sep === ". " ? at + 1 : at;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
