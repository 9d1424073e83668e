import { describe, expect, it } from "vitest";
import { encode } from "../../src/core/search/text.ts";

/**
 * Pairs that must, or must not, share a word family: what decides whether a search for one
 * finds questions that only use the other. The "must not" pairs are the crude-stemmer mistakes
 * measured on the corpus (homeless found every Home Office question).
 */
const SAME: ReadonlyArray<readonly [string, string]> = [
  ["nursing", "nurses"],
  ["nurse", "nurses"],
  ["policing", "police"],
  ["housing", "housing"],
  ["houses", "house"],
  ["dentists", "dentist"],
  ["benefits", "benefited"],
  ["children", "children"],
  ["schools", "school"],
  ["vaccination", "vaccine"],
  ["vaccinations", "vaccinated"],
  ["prisons", "prison"],
  ["prisoners", "prisoner"],
  ["sanctions", "sanctioned"],
  ["asylum", "asylum"],
  ["migration", "migrations"],
  ["hospitals", "hospital"],
  ["energy", "energies"],
  ["uighurs", "uyghur"],
  ["kiev", "kyiv"],
  ["organization", "organisation"],
  ["international", "internationally"],
  ["farming", "farms"],
  ["farmers", "farmer"],
  ["flooding", "floods"],
  ["driving", "drives"],
  ["taxes", "tax"],
  ["apprenticeships", "apprenticeship"],
  ["universities", "university"],
  ["authorities", "authority"],
];

const DIFFERENT: ReadonlyArray<readonly [string, string]> = [
  ["homeless", "home"],
  ["homelessness", "homes"],
  ["driverless", "driving"],
  ["driverless", "drive"],
  ["international", "internal"],
  ["general", "generation"],
  ["national", "n"],
  ["housing", "h"],
  ["housing", "house"],
  ["executive", "execution"],
  ["universal", "university"],
  ["officers", "office"],
  ["experiment", "experience"],
  ["authority", "author"],
  ["business", "busy"],
  ["important", "import"],
  ["emergency", "emerge"],
  ["several", "severance"],
  ["personal", "person"],
  ["careless", "care"],
  ["policy", "police"],
];

function family(word: string): string {
  const tokens = encode(word);
  expect(tokens, `"${word}" is one word`).toHaveLength(1);
  return tokens[0]!;
}

describe("word families", () => {
  it("has at least 40 pairs", () => {
    expect(SAME.length + DIFFERENT.length).toBeGreaterThanOrEqual(40);
  });

  it.each(SAME)("%s and %s share a family", (a, b) => {
    expect(family(a)).toBe(family(b));
  });

  it.each(DIFFERENT)("%s and %s do not share a family", (a, b) => {
    expect(family(a)).not.toBe(family(b));
  });

  it("splits hyphenated words into their parts", () => {
    expect(encode("anti-forced-labour")).toEqual([family("anti"), family("forced"), family("labour")]);
  });

  it("keeps words that mean something in questions to ministers (not stop words)", () => {
    expect(encode("work new times")).toHaveLength(3);
    expect(encode("the of and")).toEqual([]);
  });
});
