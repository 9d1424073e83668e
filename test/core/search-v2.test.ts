import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/model/question.ts";
import { metaOf } from "../../src/core/search/documents.ts";
import { passes } from "../../src/core/search/filters.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { SearchBudgetError, SearchIndex, type SearchOptions, type TextSource } from "../../src/core/search/search-index.ts";
import { searchReply } from "../../src/core/commands/search.ts";
import { answered, makeQuestion } from "../store/fixtures.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

/** An index over the given questions, its phrase texts served from memory as the store would. */
function indexOf(questions: Question[], options: SearchOptions = {}): { index: SearchIndex; reads: string[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const reads: string[] = [];
  const texts: TextSource = async (ids) => {
    reads.push(...ids);
    return new Map(ids.flatMap((id) => {
      const q = byId.get(id);
      return q ? [[id, [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n")] as const] : [];
    }));
  };
  const index = new SearchIndex(texts, options);
  index.upsert(questions);
  return { index, reads };
}

async function ids(index: SearchIndex, text: string, limit = 100): Promise<string[]> {
  return (await index.search(parseQuery(text), 0, limit)).hits.map((h) => h.id);
}

const q = (id: string, over: Partial<Question> = {}): Question => makeQuestion({ id, questionText: `To ask about item ${id}.`, ...over });

describe("relevance", () => {
  it("ranks a rare word in a heading above common words in the heading of another", async () => {
    // Twenty questions answer about vehicles; one heading says "Driverless", an older one.
    const common = Array.from({ length: 20 }, (_, i) => answered(q(`c${i}`, { heading: `Roads ${i}` }), "Vehicles and more vehicles.", "2026-10-01"));
    const rare = answered(q("rare", { heading: "Driverless Pilots", dateTabled: "2026-01-05" }), "Trials of vehicles on roads.", "2026-01-20");
    // Newer, with the common word in its heading and the rare one only in the answer: equal
    // weights of field alone would tie these and put it first.
    const shared = answered(q("shared", { heading: "Vehicles: Roads", dateTabled: "2026-11-05" }), "Some driverless trials.", "2026-11-20");
    const { index } = indexOf([...common, rare, shared]);
    const hits = await ids(index, "driverless vehicles");
    expect(hits.slice(0, 2)).toEqual(["rare", "shared"]);
  });

  it("puts the newer of two equal matches first", async () => {
    const older = answered(q("old", { heading: "Flood defences" }), "Flood schemes.", "2025-01-10");
    const newer = answered(q("new", { heading: "Flood defences" }), "Flood schemes.", "2026-01-10");
    const { index } = indexOf([older, newer]);
    expect(await ids(index, "flood defences")).toEqual(["new", "old"]);
  });
});

describe("word families and phrases", () => {
  it("does not find homes for homeless, and finds nurses for nursing", async () => {
    const { index } = indexOf([
      q("homeless", { heading: "Homelessness", questionText: "To ask about homeless families." }),
      q("home", { heading: "Home Office", questionText: "To ask the Home Secretary about visas." }),
      q("nurses", { heading: "Nurses: Pay", questionText: "To ask about nurses' pay." }),
    ]);
    expect(await ids(index, "homeless")).toEqual(["homeless"]);
    expect(await ids(index, "nursing")).toEqual(["nurses"]);
  });

  it("matches a phrase inside hyphenated words", async () => {
    const { index } = indexOf([
      q("hyphen", { questionText: "To ask about anti-forced-labour clauses in contracts." }),
      q("apart", { questionText: "To ask whether labour was forced on anyone." }),
    ]);
    expect(await ids(index, '"forced labour"')).toEqual(["hyphen"]);
  });

  it("checks phrases on the texts shown and says about when the total is estimated", async () => {
    // 1,200 questions hold both words, every fourth as the phrase: past the 1,000 read in full.
    const questions = Array.from({ length: 1200 }, (_, i) =>
      q(`p${i}`, { questionText: i % 4 === 0 ? "To ask about forced labour in supply chains." : "To ask whether labour was forced." }),
    );
    const { index, reads } = indexOf(questions);
    const result = await index.search(parseQuery('"forced labour"'), 0, 5);
    expect(result.estimated).toBe(true);
    expect(result.hits).toHaveLength(5);
    for (const h of result.hits) expect(Number(h.id.slice(1)) % 4).toBe(0);
    expect(result.total).toBeGreaterThan(200);
    expect(result.total).toBeLessThan(400);
    expect(reads.length).toBeLessThan(400);
  });

  it("counts phrases exactly when few candidates hold their words", async () => {
    const questions = Array.from({ length: 40 }, (_, i) =>
      q(`p${i}`, { questionText: i % 4 === 0 ? "To ask about forced labour." : "To ask whether labour was forced." }),
    );
    const { index } = indexOf(questions);
    const result = await index.search(parseQuery('"forced labour"'), 0, 5);
    expect(result.estimated).toBeUndefined();
    expect(result.total).toBe(10);
  });

  it("excludes a phrase only where its words stand together", async () => {
    const { index } = indexOf([
      q("ni", { questionText: "To ask about schools in Northern Ireland." }),
      q("apart", { questionText: "To ask about schools in the northern part of Ireland." }),
    ]);
    expect(await ids(index, 'schools -"northern ireland"')).toEqual(["apart"]);
  });
});

describe("brackets", () => {
  const { index } = indexOf([
    q("nurse", { questionText: "To ask about nurses employed by an agency.", dateTabled: "2026-01-01" }),
    q("nurse2", { questionText: "To ask about nurses in hospitals.", dateTabled: "2026-01-02" }),
    q("midwife", { questionText: "To ask about midwives in hospitals.", dateTabled: "2026-01-03" }),
    q("solar", { questionText: "To ask about solar panels on schools.", dateTabled: "2026-01-04" }),
    q("wind", { questionText: "To ask about wind farms at sea.", dateTabled: "2026-01-05" }),
    q("panels", { questionText: "To ask about panels of experts.", dateTabled: "2026-01-06" }),
  ]);

  it("(a OR b) -c", async () => {
    expect((await ids(index, "(nurses OR midwives) -agency")).sort()).toEqual(["midwife", "nurse2"]);
  });

  it("(a b) OR c", async () => {
    expect((await ids(index, "(solar panels) OR (wind farms)")).sort()).toEqual(["solar", "wind"]);
  });

  it("-(a OR b)", async () => {
    expect((await ids(index, "ask -(nurses OR midwives)")).sort()).toEqual(["panels", "solar", "wind"]);
  });

  it("a AND b", async () => {
    expect(await ids(index, "nurses AND hospitals")).toEqual(["nurse2"]);
  });
});

describe("date comparisons on data", () => {
  it("tabled:>2026-07-01 leaves 1 July out; >= keeps it", async () => {
    const { index } = indexOf([q("jun30", { dateTabled: "2026-06-30" }), q("jul1", { dateTabled: "2026-07-01" }), q("jul2", { dateTabled: "2026-07-02" })]);
    expect(await ids(index, "tabled:>2026-07-01")).toEqual(["jul2"]);
    expect(await ids(index, "tabled:>=2026-07-01")).toEqual(["jul2", "jul1"]);
    expect(await ids(index, "tabled:<2026-07-01")).toEqual(["jun30"]);
    expect(await ids(index, "tabled:<=2026-07-01")).toEqual(["jul1", "jun30"]);
    expect(await ids(index, "tabled:2026-06-30..2026-07-01")).toEqual(["jul1", "jun30"]);
  });
});

describe("filters from precomputed sets", () => {
  let seeded: SeededCore;
  beforeAll(async () => {
    seeded = await seededCore();
  });
  afterAll(() => seeded.close());

  it.each([
    "dept:fcdo",
    "dept:mhclg dept:fcdo",
    "house:commons status:answered",
    "status:holding",
    "status:answered answered:>=2024-11-18",
    "tabled:2023-12 dept:fcdo",
    "tabled:<2024-07",
    "asker:shannon",
    "answerer:a",
    "uin:67",
    "house:lords",
    "answered:2021",
  ])("%s gives what checking every question would", async (text) => {
    const query = parseQuery(`${text} sort:newest`);
    const expected: string[] = [];
    for await (const batch of seeded.store.allQuestions()) for (const question of batch) if (passes(metaOf(question), query.filters)) expected.push(question.id);
    const got = (await seeded.index.search(query, 0, 1000)).hits.map((h) => h.id);
    expect(got.sort()).toEqual(expected.sort());
  });

  it("sees a question's new status after an upsert", async () => {
    const { index } = indexOf([q("w1")]);
    expect(await ids(index, "status:unanswered")).toEqual(["w1"]);
    index.upsert([answered(q("w1"), "Answered now.")]);
    expect(await ids(index, "status:unanswered")).toEqual([]);
    expect(await ids(index, "status:answered")).toEqual(["w1"]);
  });
});

describe("bounded cost", () => {
  it("stops a search that passes its time budget, with a one-line message", async () => {
    // A clock that moves 400 ms at every look: the budget of 1 s runs out a few steps in.
    let t = 0;
    const { index } = indexOf(Array.from({ length: 20 }, (_, i) => q(`b${i}`, { questionText: `To ask about topic ${i} and forced labour.` })), {
      now: () => (t += 400),
    });
    const error = await index.search(parseQuery('"forced labour" OR topic OR ask'), 0, 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchBudgetError);
    expect((error as Error).message).toMatch(/took over 1 s and was stopped/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("answers within the budget when the clock stands still", async () => {
    const { index } = indexOf([q("b1", { questionText: "To ask about forced labour." })], { now: () => 0 });
    expect(await ids(index, '"forced labour"')).toEqual(["b1"]);
  });

  describe("the heavy queries of issue 9, through /wq search", () => {
    let seeded: SeededCore;
    beforeAll(async () => {
      seeded = await seededCore();
    });
    afterAll(() => seeded.close());

    it("refuses 40 KB of one repeated word", async () => {
      const reply = await searchReply(seeded, "uighur ".repeat(6000), 1);
      expect(reply.kind).toBe("error");
      expect(reply.text).toMatch(/limit is 500/);
    });

    it("answers a 300-character OR of 16 phrases", async () => {
      const phrases = ["forced labour", "human rights", "child poverty", "mental health", "climate change", "universal credit", "armed forces", "social care",
        "local authorities", "energy prices", "waiting lists", "free school meals", "asylum seekers", "net zero", "north sea", "cost of living"];
      const text = phrases.map((p) => `"${p}"`).join(" OR ");
      expect(text.length).toBeGreaterThanOrEqual(300);
      const reply = await searchReply(seeded, text, 1);
      expect(reply.kind).toBe("results");
      expect(reply.title).toMatch(/^\d+ results? for/);
      expect(reply.cards.length).toBeGreaterThan(0);
    });
  });
});

describe("stop words", () => {
  it("lets a stop word constrain nothing, in words, OR and exclusions", async () => {
    const { index } = indexOf([q("s1", { questionText: "To ask about nurses." }), q("s2", { questionText: "To ask about midwives." })]);
    expect(await ids(index, "the nurses")).toEqual(["s1"]);
    expect(await ids(index, "nurses -the")).toEqual(["s1"]);
    expect(await ids(index, '"of the" nurses')).toEqual(["s1"]);
    expect(await ids(index, "the")).toEqual([]);
  });
});
