import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { statusReply, ago } from "../../src/core/commands/status.ts";
import { writeSyncState, writeSyncStatus, SYNC_STATUS_KEY, type SyncRun } from "../../src/store/sync-state.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { answered, makeQuestion } from "../store/fixtures.ts";

const NOW = new Date("2026-05-25T10:30:00Z");
let store: SqliteStore;
beforeEach(() => {
  store = new SqliteStore(":memory:");
});
afterEach(async () => {
  await store.close();
});

const run: SyncRun = {
  startedAt: "2026-05-25T10:17:40Z",
  finishedAt: "2026-05-25T10:18:00Z",
  since: "2026-05-20",
  until: "2026-05-25",
  listed: 412,
  pages: 9,
  details: 120,
  inserted: 34,
  updated: 12,
  unchanged: 366,
  skipped: 1,
  skippedItems: [{ id: 1910354, reason: "uin: expected string" }],
  incomplete: 0,
  requests: 129,
  retries: 0,
};

describe("/wq status", () => {
  it("before any sync: says so, counts what is held", async () => {
    const reply = await statusReply({ store, now: () => NOW });
    expect(reply.kind).toBe("info");
    expect(reply.title).toBe("wq status");
    expect(reply.text).toContain("Last sync: none yet");
    expect(reply.text).toContain("Questions held: 0.");
    expect(reply.text).toContain("Answers held: none.");
    expect(reply.text).not.toContain("Synced from the API");
    expect(reply.text).not.toContain("Last error");
  });

  it("after a sync: when, the window, what it added, updated and skipped; the newest answer; the count", async () => {
    await writeSyncStatus(store, { lastSuccess: run, lastError: null, lastAttemptAt: run.startedAt });
    await store.upsertQuestions([answered(makeQuestion({ id: "1" }), "Yes.", "2026-05-22"), makeQuestion({ id: "2" })]);
    const { text } = await statusReply({ store, now: () => NOW });
    // 10:18 UTC is 11:18 in London in May.
    expect(text).toContain("Last sync: 25 May 2026, 11:18 (12 minutes ago), covering 20 May 2026 to 25 May 2026: 34 new, 12 updated, 1 skipped as malformed (1910354).");
    expect(text).toContain("Answers held: 22 May 2026 to 22 May 2026.");
    expect(text).toContain("Open Parliament Licence");
  });

  it("says what range of answers is held, and the stretch synced without a gap", async () => {
    // An import reaching back to 2024, then syncs from November 2026: the gap between shows.
    await store.upsertQuestions([answered(makeQuestion({ id: "1" }), "Yes.", "2024-01-03"), answered(makeQuestion({ id: "2" }), "No.", "2026-07-15")]);
    await writeSyncState(store, { coveredFrom: "2026-11-01", watermark: "2026-11-27" });
    const { text } = await statusReply({ store, now: () => NOW });
    expect(text).toContain("Answers held: 3 Jan 2024 to 15 Jul 2026.");
    expect(text).toContain("Synced from the API without a gap: 1 Nov 2026 to 27 Nov 2026.");
  });

  it("shows the last error when the latest sync failed", async () => {
    await writeSyncStatus(store, {
      lastSuccess: run,
      lastError: { at: "2026-05-25T10:28:00Z", message: "503 Service Unavailable from https://example/api" },
      lastAttemptAt: "2026-05-25T10:27:00Z",
    });
    const { text } = await statusReply({ store, now: () => NOW });
    expect(text).toContain("Last error: 25 May 2026, 11:28 (2 minutes ago): 503 Service Unavailable");
  });

  it("a status that is not valid JSON of the right shape reads as none", async () => {
    await store.setMeta(SYNC_STATUS_KEY, '{"lastSuccess": 3}');
    const { text } = await statusReply({ store, now: () => NOW });
    expect(text).toContain("Last sync: none yet");
  });

  it("says how long ago in words", () => {
    expect(ago(new Date(NOW.getTime() - 20_000), NOW)).toBe("just now");
    expect(ago(new Date(NOW.getTime() - 60_000), NOW)).toBe("1 minute ago");
    expect(ago(new Date(NOW.getTime() - 5 * 3600_000), NOW)).toBe("5 hours ago");
    expect(ago(new Date(NOW.getTime() - 3 * 86_400_000), NOW)).toBe("3 days ago");
  });
});
