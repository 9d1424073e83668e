import { describe, expect, it } from "vitest";
import { encode, nextWantedWord, readEveryWord } from "../../src/core/search/text.ts";
import { snippetOf } from "../../src/core/search/snippet.ts";
import { makeQuestion } from "../store/fixtures.ts";

/** Both ways of finding the first wanted word, for the tokens of `query`. */
function both(text: string, query: string): { slow: number; fast: number } {
  const wanted = new Set(encode(query));
  return { slow: readEveryWord(text, wanted)?.start ?? -1, fast: nextWantedWord(text, wanted)?.start ?? -1 };
}

describe("a snippet's first match, found by the words' openings", () => {
  it.each([
    ["a stem that changes its last letter", "Departments are trying hard; they tried.", "tries", 16],
    ["a stem that gains an e", "It is using more; it uses less.", "use", 6],
    ["an irregular stem that opens differently", "Patients dying in corridors", "die", 9],
    ["a word after an opening quote", "the 2026 'Year of Reading' scheme", "year", 10],
    ["a word inside o'name, which is not a word of its own", "Mr O'Neill and Mr Neill", "neill", 18],
    ["an accented word, whose token drops the accent", "Mr Pérez and the Perez report", "perez", 3],
    ["a variant spelling folded to its canonical one", "Kiev, now Kyiv", "kyiv", 0],
    ["a hyphenated word's part", "the anti-forced-labour clause", "labour", 16],
    ["a word in capitals", "THE NURSES' PAY", "nurse", 4],
    ["an accented word after the match, which does not move it", "Perez, then Pérez", "perez", 0],
    ["no match at all", "nothing to see here", "xinjiang", -1],
  ])("%s", (_what, text, query, at) => {
    const { slow, fast } = both(text, query);
    expect(slow).toBe(at);
    expect(fast).toBe(at);
  });

  it("finds every match from where the last one ended, as the snippet's marks need", () => {
    const text = "Nurses and midwives: nursing, a nurse's pay, and Nursing Times";
    const wanted = new Set(encode("nurses midwives"));
    const starts = (find: typeof readEveryWord): number[] => {
      const out: number[] = [];
      for (let w = find(text, wanted); w; w = find(text, wanted, w.end)) out.push(w.start);
      return out;
    };
    expect(starts(nextWantedWord)).toEqual(starts(readEveryWord));
    expect(starts(nextWantedWord).map((at) => text.slice(at, at + 5))).toEqual(["Nurse", "midwi", "nursi", "nurse", "Nursi"]);
  });

  it("reads nothing when the query has no words (filters alone)", () => {
    expect(nextWantedWord("any text at all", new Set())).toBeNull();
  });

  it("centres the snippet on a match deep in a long answer, marked", () => {
    const answer = `${"The department keeps this under review. ".repeat(200)}Forced labour in Xinjiang is a concern.`;
    const snippet = snippetOf(makeQuestion({ questionText: "To ask about supply chains.", answerText: answer }), new Set(encode("xinjiang")));
    const [start, end] = snippet.marks[0]!;
    expect(snippet.text.slice(start, end)).toBe("Xinjiang");
    expect(snippet.text.startsWith("…")).toBe(true);
  });
});
