import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOrdinalDate, parseSeedPage, SeedPageError } from "../../../src/sources/readers/seed-page.ts";
import { SEED_ID, SEEDS_DIR } from "../../helpers/core.ts";

const seed = readFileSync(join(SEEDS_DIR, "china-uighurs-2021-06-07.txt"), "utf8");

describe("the seed page reader", () => {
  it("reads the shipped seed field by field", () => {
    const q = parseSeedPage(seed);
    expect(q.id).toBe(SEED_ID);
    expect(q.heading).toBe("China: Uighurs");
    expect(q.dateTabled).toBe("2021-06-07");
    expect(q.dateAnswered).toBe("2021-06-15");
    expect(q.house).toBe("Commons");
    // "&" on the page, "and" in the API: resolved to the API's answering body.
    expect(q.answeringBody).toEqual({ id: 208, name: "Foreign, Commonwealth and Development Office" });
    expect(q.answeringMember).toEqual({ id: null, name: "Nigel Adams", party: null });
    expect(q.askingMember).toBeNull();
    expect(q.questionText).toMatch(/^To ask the Secretary of State for Foreign, Commonwealth and Development Affairs, what assessment/);
    expect(q.questionText).toMatch(/persecution of the Uyghur population in China\.$/);
    const paragraphs = q.answerText!.split("\n\n");
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The UK is committed to promoting/);
    expect(paragraphs[3]).toMatch(/human rights situation in Xinjiang\.$/);
    expect(q.answerText).not.toMatch(/Reticulating|Portrait|View Source/);
    expect(q.source).toBe("seed");
    expect(q.textComplete).toBe(true);
    expect(q.url).toMatch(/^https:\/\/questions-statements\.parliament\.uk\/written-questions/);
  });

  it("gives the same id to the same page every time", () => {
    expect(parseSeedPage(seed).id).toBe(parseSeedPage(seed.replace(/\n/g, "\r\n")).id);
  });

  it("reads an Asked by line, a UIN and an unanswered question", () => {
    const page = [
      "Schools: Solar Power",
      "(asked on 3rd March 2024) - View Source",
      "Asked by: Jane Smith (Labour - Exampletown)",
      "UIN 12345",
      "Question to the Department for Education:",
      "To ask the Secretary of State for Education, how many schools have solar panels.",
      "Reticulating Splines",
    ].join("\n");
    const q = parseSeedPage(page);
    expect(q.askingMember).toEqual({ id: null, name: "Jane Smith", party: "Labour" });
    expect(q.uin).toBe("12345");
    expect(q.answeringBody.id).toBe(60);
    expect(q.dateAnswered).toBeNull();
    expect(q.answerText).toBeNull();
    expect(q.questionText).toBe("To ask the Secretary of State for Education, how many schools have solar panels.");
    expect(q.url).toBe("https://questions-statements.parliament.uk/written-questions/detail/2024-03-03/12345");
  });

  it("says what is missing from a page that is not a question", () => {
    expect(() => parseSeedPage("")).toThrow(SeedPageError);
    expect(() => parseSeedPage("Just a heading\nSome text")).toThrow(/asked on/);
    expect(() => parseSeedPage("H\n(asked on 1st May 2024)\nNo department here")).toThrow(/Question to/);
  });

  it("reads ordinal dates and refuses impossible ones", () => {
    expect(parseOrdinalDate("(asked on 21st January 2025)")).toBe("2025-01-21");
    expect(parseOrdinalDate("answered on 2 May 2023")).toBe("2023-05-02");
    expect(parseOrdinalDate("32nd May 2023")).toBeNull();
    expect(parseOrdinalDate("1st Smarch 2023")).toBeNull();
  });
});
