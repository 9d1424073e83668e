/** The snapshot file: index parts cut at a size, questions' fields in frames, the same index back. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { metaOf } from "../../src/core/search/documents.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { SearchIndex } from "../../src/core/search/search-index.ts";
import { DOCS_PER_FRAME, openSnapshotFile, writeSnapshotFile } from "../../src/core/search/snapshot-file.ts";
import { storeTexts } from "../../src/core/search/store-texts.ts";
import { seededCore } from "../helpers/core.ts";
import { readSnapshot } from "../helpers/snapshot-frames.ts";
import { answered, makeQuestion } from "../store/fixtures.ts";

const noTexts = async (): Promise<Map<string, string>> => new Map();

it("cuts the index past the limit into more, smaller parts that load into the same index", async () => {
  const seeded = await seededCore();
  const index = new SearchIndex(storeTexts(seeded.store));
  for await (const batch of seeded.store.allQuestions()) index.upsert(batch);
  const dir = mkdtempSync(join(tmpdir(), "wq-snapshot-"));
  const header = { format: "test", storeId: "s", revision: 1 };
  await writeSnapshotFile(join(dir, "whole"), header, index);
  await writeSnapshotFile(join(dir, "cut"), header, index, 1500);
  const parts = (name: string): Buffer[] => readSnapshot(join(dir, name)).frames.filter((f) => f.type === "P").map((f) => f.payload);
  const whole = parts("whole");
  const cut = parts("cut");
  expect(Math.max(...whole.map((p) => p.length))).toBeGreaterThan(3000);
  expect(cut.length).toBeGreaterThan(whole.length);
  // Each part holds whole tokens: none is longer than the limit plus one token's worth.
  expect(Math.max(...cut.map((p) => p.length))).toBeLessThan(3000);

  const reader = await openSnapshotFile(join(dir, "cut"));
  const restored = await SearchIndex.restore(reader!.items, storeTexts(seeded.store));
  expect(restored.size).toBe(index.size);
  for (const q of ["xinjiang", "uyghurs", '"forced labour"', "solar OR nurses", "dept:fcdo -solar"]) {
    const expected = (await index.search(parseQuery(q), 0, 50)).hits.map((h) => h.id);
    expect(expected.length, q).toBeGreaterThan(0);
    expect((await restored.search(parseQuery(q), 0, 50)).hits.map((h) => h.id), q).toEqual(expected);
  }
  await seeded.close();
});

it("gives back every question's fields as they were: nulls, flags, numbers, and values that cannot be joined", async () => {
  const questions = Array.from({ length: 2 * 500 + 7 }, (_, i) => {
    const q = makeQuestion({
      id: String(i),
      uin: i % 3 === 0 ? null : `HL${i % 50}`,
      house: i % 2 ? "Lords" : "Commons",
      dateTabled: `2026-0${(i % 9) + 1}-1${i % 10}`,
      dateForAnswer: i % 4 === 0 ? null : "2026-11-16",
      isNamedDay: i % 5 === 0,
      answeringBody: { id: i % 7 === 0 ? null : i % 11, name: "Home Office" },
      // A name holding the separator of joined values, and no asker at all.
      askingMember: i % 13 === 0 ? null : { id: 4000, name: i === 1 ? "Lord \u007f Odd" : `Lord Example ${i % 40}`, party: "Crossbench" },
      isWithdrawn: i % 17 === 0,
    });
    return i % 2 ? answered(q, "An answer.", `2026-10-${String((i % 28) + 1).padStart(2, "0")}`) : q;
  });
  const index = new SearchIndex(noTexts);
  index.upsert(questions);
  const path = join(mkdtempSync(join(tmpdir(), "wq-snapshot-")), "index");
  await writeSnapshotFile(path, { format: "test", storeId: "s", revision: 1 }, index, undefined, 500);
  expect(readSnapshot(path).frames.filter((f) => f.type === "D").length).toBe(3);
  const restored = await SearchIndex.restore((await openSnapshotFile(path))!.items, noTexts);
  expect(restored.size).toBe(questions.length);
  for (const q of questions) expect(restored.meta(q.id), q.id).toEqual(metaOf(q));
});

it("holds at most DOCS_PER_FRAME questions a frame, so that every place and the null place fit 16 bits", async () => {
  expect(DOCS_PER_FRAME).toBeLessThanOrEqual(0xffff);
  const index = new SearchIndex(noTexts);
  index.upsert([makeQuestion({ id: "1" })]);
  const path = join(mkdtempSync(join(tmpdir(), "wq-snapshot-")), "index");
  await expect(writeSnapshotFile(path, { format: "test", storeId: "s", revision: 1 }, index, undefined, DOCS_PER_FRAME + 1)).rejects.toThrow(RangeError);
});
