import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseQuery } from "../../../src/core/search/query.ts";
import { metaOf } from "../../../src/core/search/documents.ts";
import { SearchIndex, type LoadedItem } from "../../../src/core/search/search-index.ts";
import { isWorkingDay } from "../../../src/core/lateness/working-days.ts";
import { ApiQuestionSchema, apiValueToQuestion, applyDetailTexts } from "../../../src/sources/readers/api-json.ts";
import type { Question } from "../../../src/model/question.ts";
import { CORPUS_DIR, CORPUS_SKIP_MESSAGE, corpusPresent } from "../../helpers/corpus.ts";

/**
 * status:overdue and the overdue report on the real corpus, against sets worked out here from the
 * API's raw fields (not through wq's status rule or its working-day arithmetic), on a fixed day.
 */
const AS_OF = "2025-09-15";

const RawSchema = z.object({
  id: z.number(),
  dateForAnswer: z.string().nullable(),
  dateAnswered: z.string().nullable(),
  answerText: z.string().nullable(),
  answerIsHolding: z.boolean().nullable(),
  answerIsCorrection: z.boolean().nullable(),
  isWithdrawn: z.boolean(),
  answeringBodyId: z.number().nullable(),
});

/** Counted day by day, so the report's arithmetic is checked against the simplest possible count. */
function lateByCounting(due: string, asOf: string): number {
  let n = 0;
  const d = new Date(`${due}T00:00:00Z`);
  for (d.setUTCDate(d.getUTCDate() + 1); d.toISOString().slice(0, 10) <= asOf; d.setUTCDate(d.getUTCDate() + 1))
    if (isWorkingDay(d.toISOString().slice(0, 10))) n++;
  return n;
}

describe.skipIf(!corpusPresent)(`status:overdue on the corpus (${corpusPresent ? "present" : CORPUS_SKIP_MESSAGE})`, () => {
  const raws: z.infer<typeof RawSchema>[] = [];
  let index: SearchIndex;
  /** Ids whose detail dump holds an answer the list snapshot lacks. */
  const detailAnswered = new Set<number>();

  beforeAll(async () => {
    const details = new Map<number, { questionText: string | null; answerText: string | null }>();
    for (const file of readdirSync(join(CORPUS_DIR, "detail")).filter((f) => f.endsWith(".jsonl.gz")))
      for (const line of gunzipSync(readFileSync(join(CORPUS_DIR, "detail", file))).toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        const d = JSON.parse(line) as { id: number; questionText?: string | null; answerText?: string | null };
        details.set(d.id, { questionText: d.questionText ?? null, answerText: d.answerText ?? null });
        if (d.answerText?.trim()) detailAnswered.add(d.id);
      }
    const questions: Question[] = [];
    for (const file of readdirSync(join(CORPUS_DIR, "list")).filter((f) => f.endsWith(".json.gz")))
      for (const item of JSON.parse(gunzipSync(readFileSync(join(CORPUS_DIR, "list", file))).toString("utf8")) as { value: unknown }[]) {
        raws.push(RawSchema.parse(item.value));
        const q = apiValueToQuestion(ApiQuestionSchema.parse(item.value));
        const detail = details.get(q.apiId!);
        questions.push(detail ? applyDetailTexts(q, detail) : q);
      }
    // Filter-only queries never reach the word index: the index is restored from the questions'
    // summaries alone (as from a snapshot), sparing a 25-second word-index build.
    async function* summaries(): AsyncIterable<LoadedItem> {
      yield { kind: "docs", metas: questions.map(metaOf) };
    }
    index = await SearchIndex.restore(summaries(), async () => new Map());
  }, 120_000);

  /** Owed a substantive answer, from the raw fields: not withdrawn, not corrected, holding or never answered. */
  const awaiting = (r: z.infer<typeof RawSchema>): boolean =>
    !r.isWithdrawn && !r.answerIsCorrection && (r.answerIsHolding === true || (!r.dateAnswered && !r.answerText?.trim() && !detailAnswered.has(r.id)));
  const overdueRaw = (asOf: string) => raws.filter((r) => awaiting(r) && r.dateForAnswer !== null && r.dateForAnswer.slice(0, 10) < asOf);

  it("returns exactly the questions with no substantive answer whose date for answer is past", async () => {
    const expected = overdueRaw(AS_OF).map((r) => String(r.id)).sort();
    // A mix, not a degenerate set: answered, holding, not yet due and overdue all occur.
    expect(expected.length).toBeGreaterThan(1000);
    expect(raws.filter((r) => r.answerIsHolding && r.dateForAnswer! < AS_OF).length).toBeGreaterThan(0);
    expect(raws.filter((r) => awaiting(r) && r.dateForAnswer!.slice(0, 10) >= AS_OF).length).toBeGreaterThan(1000);
    const query = parseQuery("status:overdue");
    const result = await index.search({ ...query, filters: { ...query.filters, asOf: AS_OF } }, 0, 1_000_000);
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected);
  });

  it("moves with the day it is judged on (no set is fixed when the index is built)", async () => {
    const query = parseQuery("status:overdue dept:dhsc");
    const on = async (asOf: string) => (await index.search({ ...query, filters: { ...query.filters, asOf } }, 0, 0)).total;
    const count = (asOf: string) => overdueRaw(asOf).filter((r) => r.answeringBodyId === 17).length;
    expect(await on("2025-09-10")).toBe(count("2025-09-10"));
    expect(await on("2025-09-11")).toBe(count("2025-09-11"));
    // Questions due on the 10th turn overdue at midnight: the two days must differ for this to test anything.
    expect(count("2025-09-11")).toBeGreaterThan(count("2025-09-10"));
    expect(await on(AS_OF)).toBe(count(AS_OF));
  });

  it("counts them by department in the report, with median and worst days late and the oldest three", async () => {
    const report = await index.overdue(AS_OF, null);
    expect(report.asOf).toBe(AS_OF);
    const byBody = new Map<number | null, z.infer<typeof RawSchema>[]>();
    for (const r of overdueRaw(AS_OF)) byBody.set(r.answeringBodyId, [...(byBody.get(r.answeringBodyId) ?? []), r]);
    expect(report.departments.map((d) => [d.answeringBodyId, d.overdue]).sort()).toEqual([...byBody].map(([id, l]) => [id, l.length]).sort());
    expect(report.departments.reduce((s, d) => s + d.overdue, 0)).toBe(overdueRaw(AS_OF).length);
    // Most overdue first.
    for (let i = 1; i < report.departments.length; i++) expect(report.departments[i - 1]!.overdue).toBeGreaterThanOrEqual(report.departments[i]!.overdue);
    // The figures of the three largest, counted day by day here.
    for (const d of report.departments.slice(0, 3)) {
      const list = byBody.get(d.answeringBodyId)!;
      const days = list.map((r) => lateByCounting(r.dateForAnswer!.slice(0, 10), AS_OF)).sort((a, b) => a - b);
      const mid = days.length >> 1;
      expect(d.medianDaysLate).toBe(days.length % 2 ? days[mid] : (days[mid - 1]! + days[mid]!) / 2);
      expect(d.worstDaysLate).toBe(days[days.length - 1]);
      const oldest = [...list].sort((a, b) => a.dateForAnswer!.localeCompare(b.dateForAnswer!) || a.id - b.id).slice(0, 3);
      expect(d.oldest).toEqual(oldest.map((r) => String(r.id)));
    }
    const dhsc = await index.overdue(AS_OF, [17]);
    expect(dhsc.departments).toHaveLength(1);
    expect(dhsc.departments[0]).toEqual(report.departments.find((d) => d.answeringBodyId === 17));
  });
});
