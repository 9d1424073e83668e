import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importPaths } from "../../../src/sources/readers/import.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../../helpers/core.ts";
import { readFileSync } from "node:fs";

const tmp = (): string => mkdtempSync(join(tmpdir(), "wq-import-"));
const fixtureList = JSON.parse(readFileSync(join(FIXTURE_QUESTIONS_DIR, "list.json"), "utf8")) as {
  results: Array<{ value: Record<string, unknown> }>;
};

describe("import", () => {
  it("loads seeds, list, details and members, merging full texts and names", async () => {
    const store = new SqliteStore(":memory:");
    const s = await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
    expect(s).toMatchObject({ questionsRead: 11, inserted: 11, skipped: 0 });
    expect(s.detailsMerged).toBeGreaterThan(0);
    expect(await store.countQuestions()).toBe(11);
    expect(await store.getQuestion(SEED_ID)).not.toBeNull();
    const q = (await store.getQuestion("1748480"))!;
    expect(q.heading).toBe("Xinjiang: Uyghurs");
    expect(q.textComplete).toBe(true);
    expect(q.answerHtml).toMatch(/<p>/);
    expect(q.askingMember?.name).not.toBe("");
    expect(q.answeringMember?.name).not.toBe("");
  });

  it("changes nothing when the same data is imported twice", async () => {
    const store = new SqliteStore(":memory:");
    await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
    const before = await store.getQuestion("1748480");
    const again = await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 11, changedIds: [] });
    expect(await store.getQuestion("1748480")).toEqual(before);
  });

  it("merges details imported after their list, and keeps full texts when the list comes again", async () => {
    const store = new SqliteStore(":memory:");
    await importPaths([join(FIXTURE_QUESTIONS_DIR, "list.json")], store);
    expect((await store.getQuestion("1748480"))!.textComplete).toBe(false);
    const details = await importPaths([join(FIXTURE_QUESTIONS_DIR, "detail.jsonl")], store);
    expect(details.detailsMerged).toBeGreaterThan(0);
    expect((await store.getQuestion("1748480"))!.textComplete).toBe(true);
    const listAgain = await importPaths([join(FIXTURE_QUESTIONS_DIR, "list.json")], store);
    expect(listAgain.updated).toBe(0);
    expect((await store.getQuestion("1748480"))!.textComplete).toBe(true);
  });

  it("replaces a holding answer with the substantive one, and keeps the original under a correction", async () => {
    const dir = tmp();
    const base = fixtureList.results.find((r) => r.value["id"] === 1741059)!.value;
    const write = (name: string, value: Record<string, unknown>): string => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify([{ value, links: [] }]));
      return path;
    };
    const store = new SqliteStore(":memory:");
    await importPaths([write("holding.json", base)], store);
    expect((await store.getQuestion("1741059"))!.isHolding).toBe(true);
    const answered = { ...base, answerIsHolding: false, dateAnswered: "2024-12-02T00:00:00", answerText: "The first answer." };
    const r1 = await importPaths([write("answer.json", answered)], store);
    expect(r1.updated).toBe(1);
    // An older copy arriving late changes nothing.
    expect((await importPaths([write("holding-again.json", base)], store)).updated).toBe(0);
    const corrected = { ...answered, answerIsCorrection: true, dateAnswerCorrected: "2024-12-10T00:00:00", answerText: "The corrected answer." };
    await importPaths([write("correction.json", corrected)], store);
    const q = (await store.getQuestion("1741059"))!;
    expect(q.answerText).toBe("The corrected answer.");
    expect(q.originalAnswerText).toBe("The first answer.");
    expect(q.isHolding).toBe(false);
  });

  it("skips a bad record or file with a message naming it, and imports the rest", async () => {
    const dir = tmp();
    const good = fixtureList.results.slice(0, 2);
    const bad = { value: { ...fixtureList.results[2]!.value, dateTabled: "not a date" } as Record<string, unknown>, links: [] };
    writeFileSync(join(dir, "mixed.json.gz"), gzipSync(JSON.stringify({ totalResults: 3, results: [good[0], bad, good[1]] })));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    writeFileSync(join(dir, "broken.jsonl"), '{"id": 1}\nnot json\n');
    writeFileSync(join(dir, "page.txt"), "nothing like a question page");
    const store = new SqliteStore(":memory:");
    const s = await importPaths([dir, join(dir, "missing.json")], store);
    expect(s.inserted).toBe(2);
    expect(s.skipped).toBe(5);
    const messages = s.messages.join("\n");
    expect(messages).toContain(`mixed.json.gz: record 2 (id ${String(bad.value["id"])}) skipped: dateTabled`);
    expect(messages).toMatch(/broken\.json: not valid JSON/);
    expect(messages).toMatch(/broken\.jsonl: line 2 is not valid JSON/);
    expect(messages).toMatch(/page\.txt: not a written-question page/);
    expect(messages).toMatch(/missing\.json: no such file/);
    expect(s.detailsUnmatched).toBe(1);
  });

  it("creates the database file and its folder on first use", async () => {
    const path = join(tmp(), "nested", "wq.db");
    const store = new SqliteStore(path);
    await importPaths([SEEDS_DIR], store);
    await store.close();
    const reopened = new SqliteStore(path);
    expect(await reopened.countQuestions()).toBe(1);
    await reopened.close();
  });
});
