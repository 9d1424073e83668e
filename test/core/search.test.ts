import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery } from "../../src/core/search/query.ts";
import { queryTokens, snippetOf } from "../../src/core/search/snippet.ts";
import { SEED_ID, seededCore, type SeededCore } from "../helpers/core.ts";

let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

async function ids(text: string, offset = 0, limit = 50): Promise<string[]> {
  return (await seeded.index.search(parseQuery(text), offset, limit)).hits.map((h) => h.id);
}

describe("search", () => {
  it("finds the seed and every fixture that mentions Xinjiang", async () => {
    const mentioning: string[] = [];
    for await (const batch of seeded.store.allQuestions())
      for (const q of batch) if (/xinjiang/i.test(JSON.stringify([q.heading, q.questionText, q.answerText]))) mentioning.push(q.id);
    expect(mentioning).toContain(SEED_ID);
    expect(mentioning.length).toBeGreaterThan(2);
    expect((await ids("xinjiang")).sort()).toEqual(mentioning.sort());
  });

  it("stems words and folds transliterations both ways", async () => {
    const uighurs = await ids("uighurs");
    expect(uighurs).toContain(SEED_ID);
    expect(uighurs).toContain("1748480"); // spelt "Uyghurs" in its heading
    expect((await ids("uyghur")).sort()).toEqual(uighurs.sort());
    expect((await ids("Uighur")).sort()).toEqual(uighurs.sort());
  });

  it("finds words that stand in different fields", async () => {
    // "solar" only in the answer, "housing" in the heading.
    expect(await ids("energy solar housing")).toContain("1740854");
  });

  it("ranks a heading match above an answer-only match", async () => {
    const hits = await ids("solar");
    expect(hits).toContain("1740854");
    expect(hits.indexOf("1676017")).toBeLessThan(hits.indexOf("1740854"));
  });

  it("breaks relevance ties newest first, and sorts by date on request", async () => {
    const both = ["1747122", "1748480"]; // both have Xinjiang in the heading
    const rel = (await ids("xinjiang")).filter((id) => both.includes(id));
    // 1747122 was answered on 11 December; 1748480, tabled on the 10th, awaits its answer.
    expect(rel).toEqual(["1747122", "1748480"]);
    const oldest = await ids("xinjiang sort:oldest");
    expect(oldest[0]).toBe(SEED_ID);
    expect(await ids("xinjiang sort:newest")).toEqual([...oldest].reverse());
  });

  it("matches exact phrases only where the words stand together", async () => {
    const phrase = await ids('"human rights"');
    expect(phrase).toContain(SEED_ID);
    const loose = await ids("rights human");
    expect(loose.length).toBeGreaterThanOrEqual(phrase.length);
    expect(await ids('"rights human xinjiang"')).toEqual([]);
  });

  it("excludes words and phrases", async () => {
    expect(await ids("xinjiang -huawei")).not.toContain(SEED_ID);
    expect(await ids('xinjiang -"cabinet colleagues"')).not.toContain(SEED_ID);
    expect((await ids("xinjiang -huawei")).length).toBe((await ids("xinjiang")).length - 1);
  });

  it("matches either side of OR", async () => {
    const either = await ids("diesel OR roads");
    expect(either.sort()).toEqual(["1674622", "1675246"]);
  });

  it("applies each filter", async () => {
    expect((await ids("dept:fcdo")).sort()).toEqual(["1747122", "1748480", SEED_ID].sort());
    // MHCLG brings its old DLUHC questions (id 211).
    expect((await ids("dept:mhclg")).sort()).toEqual(["1674638", "1676017", "1724725"]);
    expect(await ids("asker:jenkin")).toEqual(["1676017"]);
    expect(await ids('answerer:"nigel adams"')).toEqual([SEED_ID]);
    expect(await ids("status:holding")).toEqual(["1741059"]);
    expect(await ids("status:corrected")).toEqual(["1674622"]);
    expect(await ids("status:unanswered")).toEqual(expect.arrayContaining(["1724725"]));
    expect(await ids("house:lords")).toEqual([]);
    expect(await ids("tabled:2023-12")).toHaveLength(4);
    expect(await ids("answered:2021")).toEqual([SEED_ID]);
    // >= and <= keep their day; > and < (since query language v2) leave it out, as GitHub search does.
    expect(await ids("answered:>=2024-11-18 answered:<=2024-11-19")).toEqual(["1740854", "1741059"]);
    expect(await ids("answered:2024-11-18..2024-11-19")).toEqual(["1740854", "1741059"]);
    expect(await ids("answered:>2024-11-18 answered:<2024-11-19")).toEqual([]);
    expect(await ids("uin:67")).toEqual([]);
    expect(await ids("uyghur dept:home")).toEqual(["1721512"]);
  });

  it("counts every match and pages through them", async () => {
    const all = await ids("dept:mhclg dept:fcdo");
    const page1 = await ids("tabled:2020..2030", 0, 5);
    const page2 = await ids("tabled:2020..2030", 5, 5);
    expect(all.length).toBe(6);
    expect(page1).toHaveLength(5);
    expect(page2.filter((id) => page1.includes(id))).toEqual([]);
    expect((await seeded.index.search(parseQuery("tabled:2020..2030"), 0, 5)).total).toBe(11);
  });

  it("marks the matched words in a snippet of the question or answer", async () => {
    const q = (await seeded.store.getQuestion(SEED_ID))!;
    const snippet = snippetOf(q, queryTokens(parseQuery("persecution")));
    expect(snippet.marks.length).toBeGreaterThan(0);
    for (const [s, e] of snippet.marks) expect(snippet.text.slice(s, e).toLowerCase()).toBe("persecution");
    const inAnswer = snippetOf(q, queryTokens(parseQuery("biometrics")));
    expect(inAnswer.text).toContain("biometrics");
    expect(inAnswer.text.startsWith("…")).toBe(true);
  });

  it("takes an updated question without a rebuild", async () => {
    const q = (await seeded.store.getQuestion("1724725"))!;
    const answered = { ...q, dateAnswered: "2024-08-05", answerText: "Councils will receive zebrafinch funding." };
    await seeded.store.upsertQuestions([answered]);
    seeded.index.upsert([answered]);
    expect(await ids("zebrafinch")).toEqual(["1724725"]);
    expect(await ids("status:unanswered")).not.toContain("1724725");
  });
});
