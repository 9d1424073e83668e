/** The snapshot file's cutting of big flexsearch chunks: more, smaller lines, the same index. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parseQuery } from "../../src/core/search/query.ts";
import { SearchIndex } from "../../src/core/search/search-index.ts";
import { openSnapshotFile, writeSnapshotFile } from "../../src/core/search/snapshot-file.ts";
import { storeTexts } from "../../src/core/search/store-texts.ts";
import { seededCore } from "../helpers/core.ts";

it("cuts a flexsearch chunk past the limit into lines that load into the same index", async () => {
  const seeded = await seededCore();
  const index = new SearchIndex(storeTexts(seeded.store));
  for await (const batch of seeded.store.allQuestions()) index.upsert(batch);
  const dir = mkdtempSync(join(tmpdir(), "wq-snapshot-"));
  const header = { format: "test", storeId: "s", revision: 1 };
  await writeSnapshotFile(join(dir, "whole"), header, index);
  await writeSnapshotFile(join(dir, "cut"), header, index, 2000);
  const parts = (name: string): string[] => readFileSync(join(dir, name), "utf8").split("\n").filter((l) => l.startsWith("P"));
  const whole = parts("whole");
  const cut = parts("cut");
  expect(Math.max(...whole.map((l) => l.length))).toBeGreaterThan(4000);
  expect(cut.length).toBeGreaterThan(whole.length);
  // Each line holds whole entries: none is longer than the limit plus one entry's worth.
  expect(Math.max(...cut.map((l) => l.length))).toBeLessThan(4000);

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
