import { Encoder } from "flexsearch";
import EnglishPreset from "flexsearch/lang/en";
import { stem } from "porter2";
import { memoized } from "./memo.ts";

/**
 * Bump whenever a token changes for the same text (stemmer, overrides, stop words, variants):
 * an index snapshot made with other tokens would then miss words, so its stamp includes this.
 */
export const ENCODER_VERSION = 2;

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

/** Whether a token may come from folding a variant spelling (it opens as a canonical spelling does). */
const CANONICAL_OPENINGS = new Set(VARIANTS.map(([c]) => c.slice(0, 3)));
export function foldsVariants(token: string): boolean {
  return CANONICAL_OPENINGS.has(token.slice(0, 3));
}

/** Text with every variant spelling replaced by its canonical one (word prefixes too: "Uyghurs"). */
export function canonicalSpelling(text: string): string {
  return text.replace(VARIANT_RE, (m) => CANONICAL.get(m.toLowerCase()) ?? m);
}

/**
 * Words Snowball puts in one family although, in questions to ministers, they mean different
 * things: "international" is not "internal", "executive" (the NI Executive) is not "execution",
 * "housing" is not "the House". Each listed word gets the family named here instead.
 */
const FAMILY_OVERRIDES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    international: "internation",
    internationally: "internation",
    internationals: "internation",
    internment: "internment",
    executive: "executiv",
    executives: "executiv",
    experience: "experienc",
    experiences: "experienc",
    experienced: "experienc",
    authority: "authoriti",
    authorities: "authoriti",
    university: "universiti",
    universities: "universiti",
    universal: "universal",
    universally: "universal",
    organization: "organis",
    organizations: "organis",
    organizational: "organis",
    business: "business",
    businesses: "business",
    personal: "personal",
    personally: "personal",
    important: "importan",
    importance: "importan",
    importantly: "importan",
    several: "several",
    severe: "severe",
    severely: "severe",
    severity: "severe",
    emergency: "emergenc",
    emergencies: "emergenc",
    housing: "housing",
    officer: "officer",
    officers: "officer",
    animation: "animat",
  }),
);

/**
 * The family a lowercase word belongs to: its Porter2 (English Snowball) stem, or an override.
 * Kept per word: indexing stems every word of every question, a quarter of a build's CPU
 * profile, while the words themselves are far fewer than their uses.
 */
export const familyOf = memoized((word) => FAMILY_OVERRIDES.get(word) ?? stem(word), 200_000);

/** The words whose family is overridden (tests and the quality table name them). */
export const OVERRIDDEN_WORDS: readonly string[] = [...FAMILY_OVERRIDES.keys()];

/**
 * flexsearch's English stop words minus words that carry meaning in questions to ministers
 * ("Department for Work and Pensions", "new homes", "waiting times").
 */
const KEPT = new Set(["work", "new", "time", "times", "good", "back", "use", "way", "lot"]);
const STOP_WORDS = new Set([...(EnglishPreset.filter as Set<string>)].filter((w) => !KEPT.has(w)));

function prepare(text: string): string {
  // One apostrophe, so "government’s" and "government's" meet; then the preset's contractions.
  const apostrophes = text.replace(/[’ʼ´`]/g, "'");
  const english = typeof EnglishPreset.prepare === "function" ? EnglishPreset.prepare(apostrophes) : apostrophes;
  return canonicalSpelling(english);
}

/**
 * One encoder for indexing, queries, phrases and snippets, so all four agree on what a word is:
 * lowercased without accents, split at anything not a letter or digit (so "anti-forced-labour"
 * is three words), stop words out, then each word to its family. Letter dedupe is off: Snowball
 * needs the word as spelt.
 */
export const encoder = new Encoder({
  normalize: true,
  prepare,
  filter: STOP_WORDS,
  dedupe: false,
  numeric: false,
  finalize: (terms: string[]) => terms.map(familyOf),
});

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

/** The token of a single word (empty for a stop word): the vocabulary is small, the encoder is not free. */
const tokenOf = memoized((word) => encode(word)[0] ?? "", 200_000);

const WANTED_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * The first word at or after `from` whose token is in `wanted`, reading every word in turn: what
 * nextWantedWord must agree with, and what it falls back on.
 */
export function readEveryWord(text: string, wanted: ReadonlySet<string>, from = 0): WordAt | null {
  WANTED_WORD.lastIndex = from;
  for (let m = WANTED_WORD.exec(text); m; m = WANTED_WORD.exec(text)) {
    const token = tokenOf(m[0]);
    if (token && wanted.has(token)) return { start: m.index, end: m.index + m[0].length, token };
  }
  return null;
}

const WORD_AT = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const APOSTROPHE = /['’]/;

/** Whether `at` is inside a word as WANTED_WORD reads words: after a letter, or after "o'" in "o'neill". */
function insideWord(text: string, at: number): boolean {
  if (at === 0) return false;
  const before = text[at - 1]!;
  return LETTER_OR_DIGIT.test(before) || (at > 1 && APOSTROPHE.test(before) && LETTER_OR_DIGIT.test(text[at - 2]!));
}

/**
 * Letters beyond ASCII, where normalising may change them (accents dropped, "æ" to "ae") so that
 * a token's opening is not its word's. A plain class of the blocks that hold letters, not
 * \p{L}: that costs a look at every character; punctuation such as ’ “ – (U+2000 to U+20FF),
 * which nearly every answer holds, is left out.
 */
const NON_ASCII_LETTER = /[\u00AA\u00B5\u00BA\u00C0-\u1FFF\u2100-\u214F\u2C00-\uFFFF]/;

/**
 * Porter2's irregular words whose stem does not open as they do ("dying" is "die"), from the
 * algorithm's own list of exceptions: the tokens of those that differ are found the slow way.
 */
const IRREGULAR_TOKENS: ReadonlySet<string> = new Set(
  ["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly"]
    .map((w) => [w, tokenOf(w)] as const)
    .filter(([w, t]) => t !== "" && w.slice(0, 3) !== t.slice(0, 3))
    .map(([, t]) => t),
);

/**
 * Where the tokens' words may start: their openings, any case, or null when some token's words
 * may not open as it does. Porter2 only changes a word's end: its last letter ("trying" is
 * "tri", "using" is "use"), or more of a suffix that starts three letters in or later. So a
 * token's first three letters open its words when it has four or more, its first two when it has
 * three. Kept per set: a page's snippets ask with one set many times.
 */
const openingsFor = new WeakMap<ReadonlySet<string>, RegExp | null>();
function openingsOf(wanted: ReadonlySet<string>): RegExp | null {
  let re = openingsFor.get(wanted);
  if (re === undefined) {
    const openings = new Set<string>();
    for (const token of wanted) {
      if (token.length < 3 || !/^[a-z0-9]+$/.test(token) || foldsVariants(token) || IRREGULAR_TOKENS.has(token)) {
        openings.clear();
        break;
      }
      openings.add(token.slice(0, token.length >= 4 ? 3 : 2));
    }
    re = openings.size ? new RegExp([...openings].join("|"), "gi") : null;
    openingsFor.set(wanted, re);
  }
  return re;
}

/**
 * The first word at or after `from` whose token is in `wanted`, as readEveryWord finds it, but
 * looking only where a word opens as one of the tokens does (a suffix stemmer keeps a word's
 * opening): a snippet's first match is often pages into an answer, and stemming every word on
 * the way was most of a result card's time. Where openings may mislead (short tokens, variant
 * spellings, the stemmer's irregular words, letters beyond ASCII before the match) every word is
 * read.
 */
export function nextWantedWord(text: string, wanted: ReadonlySet<string>, from = 0): WordAt | null {
  if (wanted.size === 0) return null;
  const openings = openingsOf(wanted);
  if (!openings) return readEveryWord(text, wanted, from);
  let found: WordAt | null = null;
  openings.lastIndex = from;
  for (let m = openings.exec(text); m && !found; m = openings.exec(text)) {
    const at = m.index;
    openings.lastIndex = at + 1;
    if (insideWord(text, at)) continue;
    WORD_AT.lastIndex = at;
    const word = WORD_AT.exec(text);
    const token = word ? tokenOf(word[0]) : "";
    if (token && wanted.has(token)) found = { start: at, end: at + word![0].length, token };
  }
  // An accented word before the match (or anywhere, when none was found) may be a match its opening hides.
  return NON_ASCII_LETTER.test(text.slice(from, found ? found.start : text.length)) ? readEveryWord(text, wanted, from) : found;
}

/** The words of a text with their offsets and index token (empty for stop words). */
export function wordsOf(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, token: tokenOf(m[0]) });
  return out;
}

const NEXT_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Whether the words from `start` on have `wanted` as their first tokens (stop words skipped), as
 * wordsOf would tokenise them. Words are read one at a time and reading stops at the first that
 * differs, which is usually the first: a phrase check then costs a word or two per place.
 */
export function tokensStartAt(text: string, start: number, wanted: readonly string[]): boolean {
  NEXT_WORD.lastIndex = start;
  for (let j = 0; j < wanted.length; ) {
    const m = NEXT_WORD.exec(text);
    if (!m) return false;
    const token = tokenOf(m[0]);
    if (!token) continue;
    if (token !== wanted[j]) return false;
    j++;
  }
  return true;
}

