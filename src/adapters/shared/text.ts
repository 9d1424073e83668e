/**
 * Fitting text wq did not write into a platform's length limits, for every adapter: where to cut
 * (a paragraph, else a line, a sentence, a word, else hard), cutting with an ellipsis, bolding
 * marked ranges through the platform's own escape and bold, and fitting or chunking the rendered
 * result. Escaping lengthens text (`&` becomes `&amp;`, `*` becomes `\*`), so cuts are made on the
 * plain text and measured on the rendered result. Lengths are UTF-16 code units, as Slack and
 * Discord count them; no cut splits a surrogate pair.
 */

export const ELLIPSIS = "…";

/** [start, end) offsets into a plain text. */
export type Ranges = ReadonlyArray<readonly [number, number]>;

/** How a platform writes text: its escape, its bold, and where bold renders at all. */
export interface Markup {
  /** Makes text wq did not write show as itself (no mention, link or formatting). */
  escape(text: string): string;
  /** Wraps already escaped text in bold. */
  bold(escaped: string): string;
  /** Whether [start, end) of `text` may be bolded; left plain otherwise. Default: not blank. */
  canBold?(text: string, start: number, end: number): boolean;
}

/**
 * Where to cut `text` to at most `limit` characters: the last paragraph break, line break,
 * sentence end or space that keeps at least half of what would fit, so a cut never throws most of
 * the text away; else `limit` itself, moved back one rather than split a surrogate pair. The
 * boundary itself is not kept (a sentence keeps its full stop).
 */
export function cutPoint(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  if (limit <= 0) return 0;
  const head = text.slice(0, limit + 1);
  const floor = Math.floor(limit / 2);
  for (const sep of ["\n\n", "\n", ". ", " "]) {
    const at = head.lastIndexOf(sep);
    if (at >= floor && at > 0) return sep === ". " ? at + 1 : at;
  }
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/** Runs of whitespace (newlines too) as one space: for labels, headers and one-line messages. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `text` cut hard to at most `max` characters, ending in an ellipsis when cut (labels, headers). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, Math.max(0, end)) + ELLIPSIS;
}

/** `text` cut at a boundary to at most `max` characters, ending in an ellipsis when cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  return text.slice(0, cutPoint(text, max - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/**
 * The largest prefix length n of `text`, at a boundary (see cutPoint), for which `render(n)` fits
 * in `max` characters; 0 when none does. `render` turns `text.slice(0, n)` into the final text
 * (escaped, marked, with whatever note says it was cut), which is longer than the prefix, so the
 * search runs on the rendered length: log2(max) renders of at most `max` characters each.
 */
export function fitPrefix(text: string, max: number, render: (n: number) => string): number {
  // Rendering never shortens text (escaping only lengthens it), so no prefix longer than `max`
  // fits: the search stays within the room, however long the text.
  if (text.length <= max && render(text.length).length <= max) return text.length;
  let lo = 0;
  let hi = Math.min(text.length - 1, max);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  // Snap back to a boundary; shrink further in case rendering is not quite monotone.
  let n = cutPoint(text, lo);
  while (n > 0 && render(n).length > max) n = cutPoint(text, n - 1);
  return n;
}

/** Sorted, clipped to the text, overlaps merged, empty ones dropped. */
export function normaliseRanges(length: number, ranges: Ranges): Array<[number, number]> {
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

/**
 * `text` escaped, with each marked range in bold where the platform renders it. Offsets are into
 * the plain text, so escaping happens segment by segment, after the cuts between segments.
 */
export function markedText(text: string, ranges: Ranges, markup: Markup): string {
  const canBold = markup.canBold ?? ((t: string, s: number, e: number) => t.slice(s, e).trim().length > 0);
  let out = "";
  let at = 0;
  for (const [start, end] of normaliseRanges(text.length, ranges)) {
    out += markup.escape(text.slice(at, start));
    const segment = markup.escape(text.slice(start, end));
    out += canBold(text, start, end) ? markup.bold(segment) : segment;
    at = end;
  }
  return out + markup.escape(text.slice(at));
}

export interface Fitted {
  /** The rendered text, at most the asked length. */
  text: string;
  /** How many characters of the plain text it shows (the rest starts after this). */
  consumed: number;
  /** True when some of the text did not fit. */
  cut: boolean;
}

/**
 * The longest boundary-cut prefix of `text`, rendered with its marks and followed by `suffix` when
 * cut, that fits in `max` characters. Empty when not even one word fits.
 */
export function fitMarked(text: string, ranges: Ranges, max: number, markup: Markup, suffix: string = ELLIPSIS): Fitted {
  const render = (n: number): string =>
    n >= text.length ? markedText(text, ranges, markup) : markedText(text.slice(0, n).trimEnd(), ranges, markup) + suffix;
  const n = fitPrefix(text, max, render);
  if (n >= text.length) return { text: render(n), consumed: n, cut: false };
  if (text.slice(0, n).trim().length === 0) return { text: "", consumed: 0, cut: text.length > 0 };
  return { text: render(n), consumed: n, cut: true };
}

/**
 * `text` spread over pieces in order, piece i holding at most `capacity(i)` characters (null: no
 * piece i), cut at boundaries, marks carried over with shifted offsets. Only the last piece ends
 * in `suffix`, and only when text is left over (`cut`).
 */
export function spreadMarked(text: string, ranges: Ranges, capacity: (i: number) => number | null, markup: Markup, suffix: string = ELLIPSIS): { parts: string[]; cut: boolean } {
  const parts: string[] = [];
  let rest = text;
  let marks = normaliseRanges(text.length, ranges);
  for (let i = 0; rest.trim().length > 0; i++) {
    const cap = capacity(i);
    if (cap === null || cap <= 0) return { parts, cut: true };
    const last = capacity(i + 1) === null;
    const fitted = fitMarked(rest, marks, cap, markup, last ? suffix : "");
    if (fitted.text) parts.push(fitted.text);
    if (!fitted.cut) return { parts, cut: false };
    if (last || fitted.consumed === 0) return { parts, cut: true };
    const after = rest.slice(fitted.consumed);
    const shift = fitted.consumed + (after.length - after.trimStart().length);
    rest = rest.slice(shift);
    marks = normaliseRanges(rest.length, marks.map(([s, e]): [number, number] => [s - shift, e - shift]));
  }
  return { parts, cut: false };
}

/** The whole of `text` rendered in chunks of at most `max` characters, with no ellipsis (the next chunk goes on). */
export function chunkMarked(text: string, ranges: Ranges, max: number, markup: Markup): string[] {
  return spreadMarked(text, ranges, () => max, markup, "").parts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
