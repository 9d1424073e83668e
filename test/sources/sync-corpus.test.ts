/**
 * Sync against the fake API serving the real corpus (../shared/corpus): a month's backfill, a sync
 * killed half way and run again, a correction. Skipped, with a message, when the corpus is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tidy } from "../../src/sources/readers/html-to-text.ts";
import type { Question } from "../../src/model/question.ts";
import { runSync, type SyncOptions } from "../../src/sources/sync.ts";
import { readSyncState } from "../../src/store/sync-state.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { CORPUS_DIR, FakeData, corpusAvailable } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

const HAVE_CORPUS = corpusAvailable();
if (!HAVE_CORPUS) console.warn(`skipping the corpus sync tests: no corpus at ${CORPUS_DIR}`);

const MONTH = "2024-08";
// The evening of the month's last day: the month is the backfill up to "today".
const NOW = new Date("2024-08-31T19:00:00Z");

async function everything(store: SqliteStore): Promise<Question[]> {
  const out: Question[] = [];
  for await (const batch of store.allQuestions()) out.push(...batch);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

describe.skipIf(!HAVE_CORPUS)("sync against the fake API serving the corpus", () => {
  let fake: FakeParliament;
  let data: FakeData;
  let full: SqliteStore;
  const base = (store: SqliteStore, extra: Partial<SyncOptions> = {}): SyncOptions => ({
    store,
    apiUrl: fake.url,
    now: () => NOW,
    requestsPerSecond: 0,
    retryMinDelayMs: 5,
    ...extra,
  });

  beforeAll(async () => {
    data = new FakeData(CORPUS_DIR);
    fake = await startFakeParliament({ data });
    full = new SqliteStore(":memory:");
    await runSync(base(full, { since: `${MONTH}-01` }));
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    await full?.close();
  });

  it("a month's backfill stores exactly the corpus's questions tabled, answered or corrected that month", async () => {
    const inMonth = (d: string | null | undefined): boolean => !!d && d.startsWith(MONTH);
    const expected = [...data.items.values()]
      .filter((v) => inMonth(v.dateTabled) || inMonth(v.dateAnswered) || inMonth(v.dateAnswerCorrected))
      .map((v) => String(v.id))
      .sort();
    const held = await everything(full);
    expect(held.map((q) => q.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1000);
  });

  it("holds the full texts wherever the corpus has the detail, and marks the rest as cut", async () => {
    let withDetail = 0;
    for (const q of await everything(full)) {
      const listed = data.items.get(Number(q.id));
      const detail = data.detail(Number(q.id), q.dateTabled);
      // Cut: the answer ends "..." or the question stops mid-sentence at 255 characters (the
      // corpus has 198 questions of exactly 255 characters, all ending with "." or "?").
      const question = listed?.questionText ?? "";
      const cut =
        (question.length >= 255 && !/[.?]\s*$/.test(question)) || (listed?.answerText ?? "").endsWith("...");
      if (detail) {
        withDetail++;
        expect(q.textComplete, q.id).toBe(true);
        if (detail.questionText) expect(q.questionText, q.id).toBe(tidy(detail.questionText));
        if (detail.answerText && /<p|<table/i.test(detail.answerText)) expect(q.answerHtml, q.id).toBe(detail.answerText);
      } else if (cut) {
        expect(q.textComplete, q.id).toBe(false);
      } else {
        expect(q.textComplete, q.id).toBe(true);
      }
      // expandMember=true named the members from the Members API ids.
      if (listed?.askingMemberId && data.members.has(listed.askingMemberId)) {
        expect(q.askingMember?.name, q.id).toBe(data.members.get(listed.askingMemberId)?.name);
      }
    }
    expect(withDetail).toBeGreaterThan(100);
  });

  it("a sync killed half way and run again ends with the same store as an uninterrupted one", async () => {
    const store = new SqliteStore(":memory:");
    const uninterrupted = fake.requests.length;
    fake.requests.length = 0;
    const kill = new AbortController();
    let seen = 0;
    fake.onRequest = () => {
      if (++seen === Math.round(uninterrupted * 0.6)) kill.abort(new Error("killed"));
    };
    await expect(runSync(base(store, { since: `${MONTH}-01`, signal: kill.signal }))).rejects.toThrow();
    fake.onRequest = undefined;
    const partial = await store.countQuestions();
    const { watermark } = await readSyncState(store);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan((await full.countQuestions()));
    // Some weeks were finished: the next run continues from there, not from the start.
    expect(watermark).not.toBeNull();

    const again = await runSync(base(store, { backfillDays: 31 }));
    expect(again.since > `${MONTH}-01`).toBe(true);
    expect(await everything(store)).toEqual(await everything(full));
    expect(await readSyncState(store)).toEqual(await readSyncState(full));
    await store.close();
  }, 120_000);

  it("a correction in the API replaces the answer and keeps the original", async () => {
    const answered = [...data.items.values()].find(
      (v) => v.dateAnswered?.startsWith(MONTH) && !v.answerIsCorrection && (v.answerText ?? "").length < 200,
    );
    expect(answered).toBeDefined();
    if (!answered) return;
    const before = await full.getQuestion(String(answered.id));
    const correctedText = "Correction: the figure given in the original answer should have read 42.";
    fake.setItem({ ...answered, answerIsCorrection: true, dateAnswerCorrected: "2024-09-02T00:00:00", answerText: correctedText });
    try {
      await runSync(base(full, { now: () => new Date("2024-09-02T19:00:00Z") }));
      const after = await full.getQuestion(String(answered.id));
      expect(after?.isCorrection).toBe(true);
      expect(after?.dateAnswerCorrected).toBe("2024-09-02");
      expect(after?.answerText).toBe(correctedText);
      expect(after?.originalAnswerText).toBe(before?.answerText);
    } finally {
      fake.setItem(answered);
    }
  }, 120_000);
});
