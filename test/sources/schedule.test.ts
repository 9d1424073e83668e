import { describe, expect, it } from "vitest";
import { startSyncSchedule } from "../../src/sources/schedule.ts";

const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("startSyncSchedule", () => {
  it("is off at interval 0", async () => {
    let runs = 0;
    const s = startSyncSchedule({ intervalSeconds: 0, runOnce: async () => void runs++, logger: quiet });
    expect(s.enabled).toBe(false);
    await sleep(20);
    expect(runs).toBe(0);
    await s.stop();
  });

  it("runs at start and again after each interval, never two at once", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const s = startSyncSchedule({
      intervalSeconds: 0.03,
      runOnce: async () => {
        running++;
        most = Math.max(most, running);
        runs++;
        await sleep(50);
        running--;
      },
      logger: quiet,
    });
    expect(await s.runNow()).toBe(false); // the first run is under way
    await sleep(300);
    await s.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    const after = runs;
    await sleep(100);
    expect(runs).toBe(after);
  });

  it("logs a failed run and keeps the schedule", async () => {
    const errors: string[] = [];
    let runs = 0;
    const s = startSyncSchedule({
      intervalSeconds: 0.02,
      runOnce: async () => {
        runs++;
        throw new Error("503 from the API");
      },
      logger: { ...quiet, error: (m) => errors.push(m) },
    });
    await sleep(120);
    await s.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
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
    await sleep(10);
    expect(s.isRunning()).toBe(true);
    await s.stop();
    expect(aborted).toBe(true);
    expect(finished).toBe(true);
  });
});
