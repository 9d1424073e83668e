/**
 * The sync schedule on vitest's fake timers: time passes only when a test advances it, so each
 * test says exactly which runs happen by when, whatever the machine's load.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSyncSchedule } from "../../src/sources/schedule.ts";

const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startSyncSchedule", () => {
  it("is off at interval 0", async () => {
    let runs = 0;
    const s = startSyncSchedule({ intervalSeconds: 0, runOnce: async () => void runs++, logger: quiet });
    expect(s.enabled).toBe(false);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(runs).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await s.stop();
  });

  it("runs at start and again an interval after each run ends, never two at once", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const s = startSyncSchedule({
      intervalSeconds: 60,
      runOnce: async () => {
        running++;
        most = Math.max(most, running);
        started.push(Date.now());
        // Each run takes 50 s of (fake) time.
        await sleep(50_000);
        running--;
      },
      logger: quiet,
    });
    const t0 = Date.now();
    expect(started).toEqual([t0]);
    expect(await s.runNow()).toBe(false); // the first run is under way
    // First run ends at 50 s; the next starts 60 s later, at 110 s, then 220 s.
    await vi.advanceTimersByTimeAsync(109_999);
    expect(started).toEqual([t0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([t0, t0 + 110_000]);
    await vi.advanceTimersByTimeAsync(110_000);
    expect(started).toEqual([t0, t0 + 110_000, t0 + 220_000]);
    expect(most).toBe(1);
    await vi.advanceTimersByTimeAsync(50_000);
    await s.stop();
    // Stopped: no run comes again, however long we wait.
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(started).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("runNow() starts a run between scheduled ones and the interval counts from its end", async () => {
    const started: number[] = [];
    const s = startSyncSchedule({ intervalSeconds: 60, runOnce: async () => void started.push(Date.now()), logger: quiet, runAtStart: false });
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await s.runNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(started).toEqual([t0 + 30_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([t0 + 30_000, t0 + 90_000]);
    await s.stop();
  });

  it("logs a failed run and keeps the schedule", async () => {
    const errors: string[] = [];
    let runs = 0;
    const s = startSyncSchedule({
      intervalSeconds: 20,
      runOnce: async () => {
        runs++;
        throw new Error("503 from the API");
      },
      logger: { ...quiet, error: (m) => errors.push(m) },
    });
    await vi.advanceTimersByTimeAsync(40_000);
    await s.stop();
    expect(runs).toBe(3);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain("503 from the API");
  });

  it("stop() aborts the running sync and waits for it", async () => {
    let aborted = false;
    let finished = false;
    const s = startSyncSchedule({
      intervalSeconds: 600,
      runOnce: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            aborted = true;
            setTimeout(() => {
              finished = true;
              resolve();
            }, 20);
          });
        }),
      logger: quiet,
    });
    expect(s.isRunning()).toBe(true);
    const stopping = s.stop();
    expect(aborted).toBe(true);
    // The run needs 20 ms more after the abort: stop() has not resolved before that.
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(19);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(finished).toBe(true);
  });
});
