import { describe, expect, it } from "vitest";
import { runSync, SyncError, type SyncOptions, type SyncProgress } from "../../src/sources/sync.ts";
import { readSyncState, readSyncStatus } from "../../src/store/sync-state.ts";
import type { Question } from "../../src/model/question.ts";
import type { FakeValue } from "../fakes/parliament/data.ts";
import { FIXTURE_TODAY, useFixtureApi } from "./fixture-api.ts";

const TODAY = FIXTURE_TODAY;
const clock = (): Date => TODAY;

const api = useFixtureApi();

const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => api.opts(extra);
const item = (id: number): FakeValue => api.item(id);

describe("runSync against the fake API (fixtures)", () => {
  it("backfills a window: every question, full texts from the detail endpoint, member names", async () => {
    const summary = await runSync(opts({ since: "2026-04-01", until: "2026-05-31" }));
    expect(await api.store.countQuestions()).toBe(8);
    expect(summary.inserted).toBe(8);
    expect(summary.listed).toBe(8);
    expect(summary.skipped).toBe(0);

    const long = await api.store.getQuestion("9100003");
    expect(long?.textComplete).toBe(true);
    expect(long?.questionText.length).toBeGreaterThan(255);
    expect(long?.answerHtml).toContain("<p>");
    expect(long?.answerText).toContain("Cumbria | 112");
    expect(long?.askingMember).toEqual({ id: 9001, name: "Alex Example", party: "Independent", memberFrom: "Examplefield" });
    expect(long?.answeringMember?.name).toBe("Sam Minister");

    expect((await api.store.getQuestion("9100001"))?.textComplete).toBe(true);
    expect((await api.store.getQuestion("9100002"))?.questionText).toMatch(/relied\.$/);
    // Cut, and the API's detail has no more: kept, marked incomplete.
    const cut = await api.store.getQuestion("9100008");
    expect(cut?.textComplete).toBe(false);
    expect(summary.incomplete).toBe(1);
    // Details only for the cut ones (9100002, 9100003, 9100008).
    expect(summary.details).toBe(3);
    expect(api.fake.requests.filter((r) => r.kind === "detail")).toHaveLength(3);
    expect(api.fake.requests.every((r) => /^wq\/\S+ \(/.test(r.userAgent ?? ""))).toBe(true);
    // Every list request asks for withdrawn questions and expanded members, in pages of 100.
    for (const r of api.fake.requests.filter((x) => x.kind === "list")) {
      expect(r.query.get("take")).toBe("100");
      expect(r.query.get("expandMember")).toBe("true");
      expect(r.query.get("includeWithdrawn")).toBe("true");
    }
  });

  it("an explicit old window does not set the watermark; a run up to today does", async () => {
    await runSync(opts({ since: "2026-05-01", until: "2026-05-10" }));
    expect((await readSyncState(api.store)).watermark).toBeNull();
    await runSync(opts({ backfillDays: 30 }));
    expect(await readSyncState(api.store)).toEqual({ watermark: "2026-05-25", coveredFrom: "2026-04-26" });
  });

  it("first run backfills the default 30 days; a second run continues from the watermark less the overlap", async () => {
    const first = await runSync(opts());
    expect(first.since).toBe("2026-04-26");
    expect(first.until).toBe("2026-05-25");
    expect(await api.store.countQuestions()).toBe(8);
    const later = new Date("2026-05-27T09:00:00Z");
    api.fake.requests.length = 0;
    const second = await runSync(opts({ now: () => later }));
    expect(second.since).toBe("2026-05-23");
    expect(second.until).toBe("2026-05-27");
    expect(second.inserted).toBe(0);
    expect(second.updated).toBe(0);
    // Texts held whole are not fetched again; only the one still cut (listed again by the
    // withdrawal lookback, as it is unanswered) is tried again.
    expect(api.fake.requests.filter((r) => r.kind === "detail").map((r) => r.path)).toEqual([
      "/api/writtenquestions/questions/9100008",
    ]);
    expect((await readSyncState(api.store)).watermark).toBe("2026-05-27");
  });

  it("a new answer to a question already held, then a correction that keeps the original answer", async () => {
    await runSync(opts());
    expect((await api.store.getQuestion("9100001"))?.dateAnswered).toBeNull();

    api.fake.setItem({
      ...item(9100001),
      dateAnswered: "2026-05-26T00:00:00",
      answeringMemberId: 9002,
      answerIsHolding: false,
      answerIsCorrection: false,
      answerText: "Some 1,400 electric buses entered service in 2025.",
    });
    const changed: Question[] = [];
    const s1 = await runSync(opts({ now: () => new Date("2026-05-26T18:00:00Z"), onChanged: (qs) => void changed.push(...qs) }));
    expect(s1.updated).toBe(1);
    expect(changed.map((q) => q.id)).toEqual(["9100001"]);
    expect((await api.store.getQuestion("9100001"))?.answerText).toBe("Some 1,400 electric buses entered service in 2025.");

    api.fake.setItem({
      ...item(9100001),
      answerIsCorrection: true,
      dateAnswerCorrected: "2026-05-28T00:00:00",
      answerText: "Some 1,450 electric buses entered service in 2025.",
    });
    const s2 = await runSync(opts({ now: () => new Date("2026-05-28T18:00:00Z") }));
    expect(s2.updated).toBe(1);
    const corrected = await api.store.getQuestion("9100001");
    expect(corrected?.isCorrection).toBe(true);
    expect(corrected?.answerText).toBe("Some 1,450 electric buses entered service in 2025.");
    expect(corrected?.originalAnswerText).toBe("Some 1,400 electric buses entered service in 2025.");
  });

  it("a holding answer then the substantive answer; a withdrawal of an older question is caught by the lookback", async () => {
    await runSync(opts());
    api.fake.setItem({
      ...item(9100002),
      dateAnswered: "2026-05-26T00:00:00",
      answerIsHolding: true,
      dateHoldingAnswer: "2026-05-26T00:00:00",
      answerText: "I will reply as soon as possible.",
    });
    await runSync(opts({ now: () => new Date("2026-05-26T18:00:00Z") }));
    const holding = await api.store.getQuestion("9100002");
    expect(holding?.isHolding).toBe(true);
    // The full question text held from before survives the list's cut copy.
    expect(holding?.questionText).toMatch(/relied\.$/);

    api.fake.setItem({
      ...item(9100002),
      dateAnswered: "2026-06-02T00:00:00",
      answerIsHolding: false,
      dateHoldingAnswer: "2026-05-26T00:00:00",
      answeringMemberId: 9002,
      answerText: "Reliability data are published quarterly.",
    });
    // 9100001 (tabled 2026-05-11) is withdrawn; the window from the watermark no longer includes its tabling day.
    api.fake.setItem({ ...item(9100001), isWithdrawn: true });
    const s = await runSync(opts({ now: () => new Date("2026-06-03T18:00:00Z") }));
    expect(s.since).toBe("2026-05-24");
    const answered = await api.store.getQuestion("9100002");
    expect(answered?.isHolding).toBe(false);
    expect(answered?.answerText).toBe("Reliability data are published quarterly.");
    expect((await api.store.getQuestion("9100001"))?.isWithdrawn).toBe(true);
  });

  it("skips a malformed item, reports it with its id, and stores the rest", async () => {
    api.fake.corrupt(9100006, { dateTabled: 20260514, uin: null });
    const summary = await runSync(opts());
    expect(summary.skipped).toBe(1);
    expect(summary.skippedItems[0]?.id).toBe(9100006);
    expect(summary.skippedItems[0]?.reason).toMatch(/uin|dateTabled/);
    expect(await api.store.countQuestions()).toBe(7);
    expect(await api.store.getQuestion("9100006")).toBeNull();
    const status = await readSyncStatus(api.store);
    expect(status.lastSuccess?.skippedItems[0]?.id).toBe(9100006);
  });

  it("rides out 429 with Retry-After, 500s, a dropped connection, a slow page and a timeout", async () => {
    api.fake.inject({ fault: { kind: "delay", ms: 150 }, times: 3, when: (r) => r.kind === "list" && r.query.get("tabledWhenFrom") !== null });
    api.fake.inject({ fault: { kind: "status", status: 429, retryAfter: "1" }, when: (r) => r.kind === "list" });
    api.fake.inject({ fault: { kind: "status", status: 500 }, times: 2, when: (r) => r.kind === "detail" });
    api.fake.inject({ fault: { kind: "reset" }, when: (r) => r.kind === "detail" });
    api.fake.inject({ fault: { kind: "hang" }, when: (r) => r.kind === "list" && r.query.get("answeredWhenFrom") !== null });
    const summary = await runSync(opts({ since: "2026-04-01", until: "2026-05-31", timeoutMs: 300 }));
    expect(await api.store.countQuestions()).toBe(8);
    expect(summary.retries).toBeGreaterThanOrEqual(5);
    expect((await api.store.getQuestion("9100003"))?.textComplete).toBe(true);
  });

  it("a failure records the error, leaves the watermark, and the next run completes", async () => {
    api.fake.inject({ fault: { kind: "status", status: 503 }, times: Infinity, when: (r) => r.kind === "detail" });
    await expect(runSync(opts({ retries: 1 }))).rejects.toThrow(/503/);
    const status = await readSyncStatus(api.store);
    expect(status.lastError?.message).toMatch(/503/);
    expect(status.lastSuccess).toBeNull();
    api.fake.clearFaults();
    await runSync(opts());
    expect(await api.store.countQuestions()).toBe(8);
    expect((await readSyncStatus(api.store)).lastError).toBeNull();
  });

  it("rejects bad dates and an inverted window as argument errors", async () => {
    await expect(runSync(opts({ since: "2026-02-30" }))).rejects.toMatchObject({ kind: "arguments" });
    await expect(runSync(opts({ since: "2026-05-10", until: "2026-05-01" }))).rejects.toBeInstanceOf(SyncError);
  });

  it("reports progress: pages and details known and done", async () => {
    const seen: SyncProgress[] = [];
    await runSync(opts({ onProgress: (p) => seen.push(p) }));
    const last = seen[seen.length - 1];
    expect(last?.phase).toBe("done");
    expect(last?.pagesDone).toBe(last?.pagesKnown);
    expect(last?.detailsDone).toBe(3);
  });
});
