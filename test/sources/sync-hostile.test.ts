import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { runSync, type SyncOptions } from "../../src/sources/sync.ts";
import { readSyncState, readSyncStatus } from "../../src/sources/sync-state.ts";
import { FIXTURES_DIR, type FakeValue } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

// The fixtures hold made-up questions tabled 2026-04-28 .. 2026-05-15, answered up to 2026-05-20.
const TODAY = new Date("2026-05-25T10:00:00Z");
const NESTED = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);

let fake: FakeParliament;
let store: SqliteStore;
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
  store = new SqliteStore(":memory:");
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
  store,
  apiUrl: fake.url,
  now: () => TODAY,
  requestsPerSecond: 0,
  retryMinDelayMs: 5,
  ...extra,
});

function fixture(id: number): FakeValue {
  const v = fake.data.items.get(id);
  if (!v) throw new Error(`no fixture ${id}`);
  return v;
}

describe("sync meeting hostile answers", () => {
  it("skips the record it cannot convert, names it, stores the rest, and the next sync runs", async () => {
    const base = fixture(9100004);
    // A list copy carrying the 5,000 nested <div>s itself: that record cannot be converted.
    fake.setItem({ ...base, id: 9200001, uin: "920001", answerText: `<p>x</p>${NESTED}` });
    // A list copy cut as usual whose detail holds them: stored with the list's text instead.
    const cut = `${"The department keeps these figures under review. ".repeat(6).slice(0, 255)}...`;
    fake.setItem({ ...base, id: 9200002, uin: "920002", answerText: cut });
    fake.setDetail({ id: 9200002, questionText: base.questionText ?? null, answerText: `<p>Answer</p>${NESTED}` });
    const warnings: string[] = [];

    const first = await runSync(opts({ logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } }));
    expect(first.skipped).toBe(1);
    expect(first.skippedItems).toEqual([{ id: 9200001, reason: expect.stringMatching(/nested deeper than 256/) }]);
    expect(await store.getQuestion("9200001")).toBeNull();
    const kept = await store.getQuestion("9200002");
    expect(kept?.answerText).toBe(cut);
    expect(kept?.textComplete).toBe(false);
    expect(warnings).toContainEqual(expect.stringMatching(/question 9200002: kept the list's cut text.*nested deeper/));
    // Everything else is held, and the watermark moved on.
    expect(await store.countQuestions()).toBe(8 + 1);
    expect((await readSyncState(store)).watermark).toBe("2026-05-25");
    expect((await readSyncStatus(store)).lastError).toBeNull();

    const later = new Date("2026-05-27T09:00:00Z");
    const second = await runSync(opts({ now: () => later }));
    expect(second.since).toBe("2026-05-23");
    expect((await readSyncState(store)).watermark).toBe("2026-05-27");
    expect((await readSyncStatus(store)).lastError).toBeNull();
  });

  it("a detail response past the size cap costs that question's full text, not the sync", async () => {
    const warnings: string[] = [];
    const base = fixture(9100003);
    fake.setDetail({ id: 9100003, questionText: base.questionText ?? null, answerText: `<p>${"x".repeat(2_000_000)}</p>` });
    const summary = await runSync(
      opts({ maxResponseBytes: 1_000_000, logger: { info() {}, warn: (m) => warnings.push(m), error() {} } }),
    );
    expect(await store.countQuestions()).toBe(8);
    expect(warnings).toContainEqual(expect.stringMatching(/a response from \/api\/writtenquestions\/questions\/9100003 larger than/));
    expect((await store.getQuestion("9100003"))?.textComplete).toBe(false);
    expect(summary.skipped).toBe(0);
  });
});
