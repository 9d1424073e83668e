/** A way of naming one question: wq's id, or the (date tabled, UIN) pair the official site uses. */
export type QuestionRef = { kind: "id"; id: string } | { kind: "uin"; dateTabled: string; uin: string };

const URL_RE = /^https?:\/\/questions-statements\.parliament\.uk\/written-questions\/detail\/(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9]+)\/?(?:[?#].*)?$/i;
const PAIR_RE = /^(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9]+)$/;

/** Reads an id, `yyyy-mm-dd/uin` or an official URL (Slack's <url|text> wrapping removed); null otherwise. */
export function parseRef(input: string): QuestionRef | null {
  const text = input.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, "$1");
  const m = URL_RE.exec(text) ?? PAIR_RE.exec(text);
  if (m) return { kind: "uin", dateTabled: m[1]!, uin: m[2]!.toUpperCase() };
  if (/^\d{1,10}$/.test(text) || /^seed-[0-9a-f]{12}$/.test(text)) return { kind: "id", id: text };
  return null;
}

/** Finds official written-question links in a message (for unfurling). */
export function officialLinksIn(text: string): string[] {
  const re = /https?:\/\/questions-statements\.parliament\.uk\/written-questions\/detail\/\d{4}-\d{2}-\d{2}\/[A-Za-z0-9]+/gi;
  return [...new Set(text.match(re) ?? [])];
}
