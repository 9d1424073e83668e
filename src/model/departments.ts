import { ANSWERING_BODIES, type AnsweringBody } from "./answering-bodies.ts";

/**
 * Machinery-of-government changes: a department that took over another's work also answers for
 * its old questions, so a filter on the new one matches the old ids too.
 */
const SUCCESSORS: Record<number, number[]> = {
  7: [211], // MHCLG was DLUHC from 2021 to 2024
  217: [10], // DCMS was DDCMS until 2023
  214: [201, 202], // DBT took trade from DIT and business from BEIS
  215: [201], // DESNZ took energy from BEIS
  216: [201, 10], // DSIT took science from BEIS and digital from DDCMS
};

/** Abbreviations people type, each to the current department. */
const ABBREVIATIONS: Record<string, number> = {
  ho: 1, homeoffice: 1,
  mhclg: 7, dluhc: 211,
  ddcms: 10, dcms: 217,
  mod: 11, defence: 11,
  defra: 13,
  hmt: 14, treasury: 14,
  dhsc: 17, health: 17,
  nio: 21,
  pm: 23, no10: 23,
  dft: 27, transport: 27,
  dwp: 29,
  geo: 31,
  co: 53, cabinet: 53,
  moj: 54, justice: 54,
  dfe: 60, education: 60,
  ago: 88,
  beis: 201,
  dit: 202,
  fcdo: 208, fco: 208, foreign: 208,
  dbt: 214,
  desnz: 215,
  dsit: 216,
};

/** Lower case, "&" read as "and", punctuation dropped: how names are compared. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function bodyById(id: number): AnsweringBody | undefined {
  return ANSWERING_BODIES.find((b) => b.id === id);
}

/** Resolves a department name as a page prints it ("Foreign, Commonwealth & Development Office"). */
export function bodyByName(name: string): AnsweringBody | undefined {
  const wanted = normaliseName(name).replace(/^the /, "");
  return ANSWERING_BODIES.find((b) => normaliseName(b.name).replace(/^the /, "") === wanted);
}

function withPredecessors(id: number): number[] {
  return [id, ...(SUCCESSORS[id] ?? [])];
}

/**
 * The answering-body ids a `dept:` filter means: an id, an abbreviation, or a fragment of the
 * name; a renamed department brings its old ids. Empty when nothing matches.
 */
export function resolveDepartment(term: string): number[] {
  const t = normaliseName(term);
  if (!t) return [];
  if (/^\d+$/.test(t)) return withPredecessors(Number(t));
  const compact = t.replace(/ /g, "");
  const abbreviated = ABBREVIATIONS[compact];
  if (abbreviated !== undefined) return withPredecessors(abbreviated);
  const ids = new Set<number>();
  for (const b of ANSWERING_BODIES) {
    if (normaliseName(b.name).includes(t)) for (const id of withPredecessors(b.id)) ids.add(id);
  }
  return [...ids];
}

/** Names to offer while someone types a `dept:` filter. */
export function departmentSuggestions(prefix: string, limit = 25): AnsweringBody[] {
  const t = normaliseName(prefix);
  return ANSWERING_BODIES.filter((b) => normaliseName(b.name).includes(t)).slice(0, limit);
}

// The last word, when it is dept: with an optional opening quote and what has been typed so far.
const DEPT_AT_END = /(^|\s)dept:"?([^"\s]*(?:\s[^"\s]*)*)$/i;

/**
 * While the last word typed is a `dept:` filter, the whole query with each matching department
 * filled in (quoted when its name has spaces), at most `limit` of them and none longer than
 * `maxLength`; empty otherwise. An unquoted dept: ends at the first space, so "dept:home office"
 * is "dept:home" + "office" and gets none.
 */
export function completeDepartment(typed: string, limit: number, maxLength: number): string[] {
  const m = DEPT_AT_END.exec(typed);
  if (!m) return [];
  const before = typed.slice(0, m.index + (m[1]?.length ?? 0));
  const partial = m[2] ?? "";
  if (!typed.slice(before.length).startsWith('dept:"') && /\s/.test(partial)) return [];
  return departmentSuggestions(partial, limit)
    .map((body) => `${before}dept:${/\s/.test(body.name) ? `"${body.name}"` : body.name}`)
    .filter((value) => value.length <= maxLength);
}
