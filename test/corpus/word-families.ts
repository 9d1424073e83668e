import type { Question } from "../../src/model/question.ts";
import { canonicalSpelling, familyOf } from "../../src/core/search/text.ts";
import { stem } from "porter2";

/** 36 words people search written questions for, the crude stemmer's worst cases among them. */
export const FAMILY_WORDS = [
  "homeless", "driverless", "international", "general", "national", "housing", "nursing", "policing", "nurses",
  "schools", "children", "hospitals", "prisons", "asylum", "migration", "energy", "climate", "farming",
  "flooding", "sanctions", "vaccination", "pensions", "benefits", "disability", "apprenticeships", "universities",
  "defence", "veterans", "railways", "broadband", "tax", "immigration", "dentists", "refugees", "carers", "mortgages",
] as const;

export interface FamilyRow {
  word: string;
  relevant: number;
  retrieved: number;
  precision: number;
  recall: number;
  /** The same against plain Snowball, for the words whose family text.ts overrides. */
  snowball?: { precision: number; recall: number };
}

/** The words of a text as the index sees it: no accents, lower case, split at anything not a letter or digit. */
function wordsOf(text: string): string[] {
  return canonicalSpelling(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** What the index holds of a question (documents.ts's `all` field). */
function textOf(q: Question): string {
  return [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name, q.askingMember?.name ?? "", q.answeringMember?.name ?? ""].join("\n");
}

/**
 * Precision and recall of what search returns for each word against its family over the texts:
 * a question is relevant when it holds any word of the same family (Porter2, with text.ts's
 * overrides; plain Porter2 is measured too where they differ).
 */
export function familyTable(questions: readonly Question[], retrievedFor: (word: string) => ReadonlySet<string>): FamilyRow[] {
  // Keyed by family: two of the words (nursing, nurses) may share one.
  const relevant = new Map<string, Set<string>>(FAMILY_WORDS.map((w) => [familyOf(w), new Set()]));
  const relevantPlain = new Map<string, Set<string>>(FAMILY_WORDS.map((w) => [stem(w), new Set()]));
  const cache = new Map<string, [string, string]>();
  for (const q of questions) {
    for (const word of new Set(wordsOf(textOf(q)))) {
      let families = cache.get(word);
      if (!families) {
        families = [familyOf(word), stem(word)];
        cache.set(word, families);
      }
      relevant.get(families[0])?.add(q.id);
      relevantPlain.get(families[1])?.add(q.id);
    }
  }
  const score = (want: ReadonlySet<string>, got: ReadonlySet<string>) => {
    const both = [...got].filter((id) => want.has(id)).length;
    return { precision: got.size ? both / got.size : 1, recall: want.size ? both / want.size : 1 };
  };
  return FAMILY_WORDS.map((word) => {
    const got = retrievedFor(word);
    const want = relevant.get(familyOf(word))!;
    const row: FamilyRow = { word, relevant: want.size, retrieved: got.size, ...score(want, got) };
    if (familyOf(word) !== stem(word)) row.snowball = score(relevantPlain.get(stem(word))!, got);
    return row;
  });
}

export function printTable(rows: readonly FamilyRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = rows.map(
    (r) => `${r.word.padEnd(16)} ${String(r.relevant).padStart(6)} ${String(r.retrieved).padStart(6)} ${pct(r.precision).padStart(7)} ${pct(r.recall).padStart(7)}${r.snowball ? `   plain Snowball: ${pct(r.snowball.precision)} / ${pct(r.snowball.recall)}` : ""}`,
  );
  const mean = (f: (r: FamilyRow) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  return [
    `${"word".padEnd(16)} ${"family".padStart(6)} ${"found".padStart(6)} ${"prec".padStart(7)} ${"recall".padStart(7)}`,
    ...lines,
    `mean precision ${pct(mean((r) => r.precision))}, mean recall ${pct(mean((r) => r.recall))}`,
  ].join("\n");
}
