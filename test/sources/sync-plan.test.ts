/**
 * The plan of a sync run, on its own: which days it covers, in which steps, and how the watermark
 * moves after each. The end-to-end sync tests run these through the fake API; here each rule is
 * pinned where it is decided.
 */
import { describe, expect, it } from "vitest";
import { afterStep, planSync, type SyncPlan } from "../../src/sources/sync/plan.ts";
import { SyncError } from "../../src/sources/sync/types.ts";
import type { SyncState } from "../../src/store/sync-state.ts";

const TODAY = "2026-05-25";
const fresh: SyncState = { watermark: null, coveredFrom: null };
const spans = (plan: SyncPlan): string[] => plan.steps.map((s) => `${s.from}..${s.to}`);

describe("planSync", () => {
  it("a first run backfills 30 days to today, a week a step, each listing tabled, answered and corrected", () => {
    const plan = planSync({}, fresh, TODAY, null);
    expect([plan.since, plan.until]).toEqual(["2026-04-26", TODAY]);
    expect(spans(plan)).toEqual(["2026-04-26..2026-05-02", "2026-05-03..2026-05-09", "2026-05-10..2026-05-16", "2026-05-17..2026-05-23", "2026-05-24..2026-05-25"]);
    expect(plan.steps[0]?.filters.map((f) => Object.keys(f)[0])).toEqual(["tabledWhenFrom", "answeredWhenFrom", "correctedWhenFrom"]);
    expect(plan.steps.every((s) => s.advances)).toBe(true);
  });

  it("after an import, the first run starts at its newest answer less the overlap, however old", () => {
    expect(planSync({}, fresh, TODAY, "2026-01-10").since).toBe("2026-01-08");
    // A recent import does not shorten the backfill.
    expect(planSync({}, fresh, TODAY, "2026-05-20").since).toBe("2026-04-26");
  });

  it("a later run starts at the watermark less the overlap, first looking back two weeks for withdrawals of unanswered questions", () => {
    const plan = planSync({}, { watermark: "2026-05-20", coveredFrom: "2026-01-01" }, TODAY, null);
    expect(plan.since).toBe("2026-05-18");
    const [lookback, ...weeks] = plan.steps;
    expect(lookback).toMatchObject({ from: "2026-05-04", to: "2026-05-17", advances: false });
    expect(lookback?.filters).toEqual([{ tabledWhenFrom: "2026-05-04", tabledWhenTo: "2026-05-17", answered: "Unanswered", includeWithdrawn: true }]);
    expect(spans({ ...plan, steps: weeks })).toEqual(["2026-05-18..2026-05-24", "2026-05-25..2026-05-25"]);
  });

  it("the withdrawal look-back stays within the ground covered, and 0 turns it off", () => {
    const state = { watermark: "2026-05-20", coveredFrom: "2026-05-10" };
    expect(planSync({}, state, TODAY, null).steps[0]).toMatchObject({ from: "2026-05-10", to: "2026-05-17" });
    expect(planSync({ withdrawalLookbackDays: 0 }, state, TODAY, null).steps[0]?.advances).toBe(true);
  });

  it("an explicit window that ends before today never moves the watermark", () => {
    const plan = planSync({ since: "2026-01-01", until: "2026-01-20" }, fresh, TODAY, null);
    expect(spans(plan)).toEqual(["2026-01-01..2026-01-07", "2026-01-08..2026-01-14", "2026-01-15..2026-01-20"]);
    expect(plan.steps.some((s) => s.advances)).toBe(false);
  });

  it("the same explicit window run again after a kill resumes the day after its last finished week", () => {
    const state: SyncState = { ...fresh, backfill: { since: "2026-01-01", until: "2026-01-20", through: "2026-01-07" } };
    const plan = planSync({ since: "2026-01-01", until: "2026-01-20" }, state, TODAY, null);
    expect(plan).toMatchObject({ since: "2026-01-08", origin: "2026-01-01", resumed: "2026-01-07" });
    // Another window starts over.
    expect(planSync({ since: "2026-01-02", until: "2026-01-20" }, state, TODAY, null).resumed).toBeNull();
  });

  it("refuses --since after --until as a mistake in the arguments", () => {
    expect(() => planSync({ since: "2026-05-10", until: "2026-05-01" }, fresh, TODAY, null)).toThrow(SyncError);
  });
});

describe("afterStep", () => {
  const step = (from: string, to: string, advances = true) => ({ from, to, filters: [], advances });

  it("moves the watermark to the step's end (never past today) and widens the covered ground", () => {
    const plan = planSync({}, fresh, TODAY, null);
    const first = afterStep(fresh, step("2026-04-26", "2026-05-02"), plan, TODAY, {});
    expect(first).toEqual({ watermark: "2026-05-02", coveredFrom: "2026-04-26" });
    expect(afterStep(first, step("2026-05-03", "2026-05-30"), plan, TODAY, {}).watermark).toBe(TODAY);
  });

  it("does not jump a gap: a step after the watermark's next day leaves it where it is", () => {
    const state = { watermark: "2026-05-02", coveredFrom: "2026-04-26" };
    const plan = planSync({}, state, TODAY, null);
    expect(afterStep(state, step("2026-05-10", "2026-05-16"), plan, TODAY, {})).toEqual(state);
  });

  it("a step that may not advance leaves the watermark; an explicit window records how far it got", () => {
    const state = { watermark: "2026-05-02", coveredFrom: "2026-04-26" };
    const plan = planSync({ since: "2026-01-01", until: "2026-01-20" }, state, TODAY, null);
    const next = afterStep(state, step("2026-01-01", "2026-01-07", false), plan, TODAY, { since: "2026-01-01", until: "2026-01-20" });
    expect(next).toEqual({ ...state, backfill: { since: "2026-01-01", until: "2026-01-20", through: "2026-01-07" } });
    expect(state).not.toHaveProperty("backfill");
  });
});
