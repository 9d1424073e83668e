import { describe, expect, it } from "vitest";
import { runSync, type SyncOptions } from "../../src/sources/sync.ts";
import { readSyncState, readSyncStatus } from "../../src/store/sync-state.ts";
import type { FakeValue } from "../fakes/parliament/data.ts";
import { useFixtureApi } from "./fixture-api.ts";

const NESTED = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);

const api = useFixtureApi();

const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => api.opts(extra);
const fixture = (id: number): FakeValue => api.item(id);

describe("sync meeting hostile answers", () => {
  it("skips the record it cannot convert, names it, stores the rest, and the next sync runs", async () => {
    const base = fixture(9100004);
    // A list copy carrying the 5,000 nested <div>s itself: that record cannot be converted.
    api.fake.setItem({ ...base, id: 9200001, uin: "920001", answerText: `<p>x</p>${NESTED}` });
    // A list copy cut as usual whose detail holds them: stored with the list's text instead.
    const cut = `${"The department keeps these figures under review. ".repeat(6).slice(0, 255)}...`;
    api.fake.setItem({ ...base, id: 9200002, uin: "920002", answerText: cut });
    api.fake.setDetail({ id: 9200002, questionText: base.questionText ?? null, answerText: `<p>Answer</p>${NESTED}` });
    const warnings: string[] = [];

    const first = await runSync(opts({ logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } }));
    expect(first.skipped).toBe(1);
    expect(first.skippedItems).toEqual([{ id: 9200001, reason: expect.stringMatching(/nested deeper than 256/) }]);
    expect(await api.store.getQuestion("9200001")).toBeNull();
    const kept = await api.store.getQuestion("9200002");
    expect(kept?.answerText).toBe(cut);
    expect(kept?.textComplete).toBe(false);
    expect(warnings).toContainEqual(expect.stringMatching(/question 9200002: kept the list's cut text.*nested deeper/));
    // Everything else is held, and the watermark moved on.
    expect(await api.store.countQuestions()).toBe(8 + 1);
    expect((await readSyncState(api.store)).watermark).toBe("2026-05-25");
    expect((await readSyncStatus(api.store)).lastError).toBeNull();

    const later = new Date("2026-05-27T09:00:00Z");
    const second = await runSync(opts({ now: () => later }));
    expect(second.since).toBe("2026-05-23");
    expect((await readSyncState(api.store)).watermark).toBe("2026-05-27");
    expect((await readSyncStatus(api.store)).lastError).toBeNull();
  });

  it("a detail response past the size cap costs that question's full text, not the sync", async () => {
    const warnings: string[] = [];
    const base = fixture(9100003);
    api.fake.setDetail({ id: 9100003, questionText: base.questionText ?? null, answerText: `<p>${"x".repeat(2_000_000)}</p>` });
    const summary = await runSync(
      opts({ maxResponseBytes: 1_000_000, logger: { info() {}, warn: (m) => warnings.push(m), error() {} } }),
    );
    expect(await api.store.countQuestions()).toBe(8);
    expect(warnings).toContainEqual(expect.stringMatching(/a response from \/api\/writtenquestions\/questions\/9100003 larger than/));
    expect((await api.store.getQuestion("9100003"))?.textComplete).toBe(false);
    expect(summary.skipped).toBe(0);
  });
});
