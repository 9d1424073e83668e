import { Charset, Encoder } from "flexsearch";
import EnglishPreset from "flexsearch/lang/en";

/**
 * Spellings that name the same thing; each maps to the first. Applied to indexed text and to
 * queries alike, so either spelling finds both.
 */
const VARIANTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["uighur", ["uyghur", "uigur", "uygur"]],
  ["kyiv", ["kiev"]],
  ["kharkiv", ["kharkov"]],
  ["odesa", ["odessa"]],
  ["rohingya", ["rohingyas"]],
  ["tigray", ["tigrai"]],
  ["mumbai", ["bombay"]],
  ["beijing", ["peking"]],
];

const VARIANT_RE = new RegExp(`\\b(${VARIANTS.flatMap(([, v]) => v).join("|")})`, "gi");
const CANONICAL = new Map(VARIANTS.flatMap(([c, vs]) => vs.map((v) => [v, c] as const)));

/** Text with every variant spelling replaced by its canonical one (word prefixes too: "Uyghurs"). */
export function canonicalSpelling(text: string): string {
  return text.replace(VARIANT_RE, (m) => CANONICAL.get(m.toLowerCase()) ?? m);
}

/** One encoder for indexing, queries, phrases and snippets, so all four agree on what a word is. */
export const encoder = new Encoder(Charset.LatinSimple).assign(EnglishPreset);

/** The index tokens of a text: stemmed, stop words out, variant spellings folded. */
export function encode(text: string): string[] {
  return encoder.encode(canonicalSpelling(text));
}

export interface WordAt {
  start: number;
  end: number;
  token: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Tokens of single words already encoded: the vocabulary is small, the encoder is not free. */
const tokenCache = new Map<string, string>();
const TOKEN_CACHE_MAX = 200_000;

function tokenOf(word: string): string {
  let token = tokenCache.get(word);
  if (token === undefined) {
    token = encode(word)[0] ?? "";
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(word, token);
  }
  return token;
}

/** The words of a text with their offsets and index token (empty for stop words). */
export function wordsOf(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, token: tokenOf(m[0]) });
  return out;
}
