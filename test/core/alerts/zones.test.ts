/**
 * wq's dates are London's whatever zone the server runs in. Each zone runs in a child process with
 * TZ set (a test file cannot change its own zone reliably), and must give London's answers,
 * including the summer hour 23:00-24:00 UTC when London is already on the next day.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EXPECTED, probe } from "../../helpers/zone-probe.ts";

const PROBE = fileURLToPath(new URL("../../helpers/zone-probe.ts", import.meta.url));
const Output = z.object({ zone: z.string(), julyOffset: z.number(), results: z.record(z.string(), z.unknown()) });

async function inZone(tz: string): Promise<z.infer<typeof Output>> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", PROBE], { env: { ...process.env, TZ: tz } });
  return Output.parse(JSON.parse(stdout));
}

describe("dates in London whatever the server's zone", () => {
  it("in this process", () => {
    expect(probe()).toEqual(EXPECTED);
  });

  it.each([
    ["America/New_York", 240],
    ["Asia/Tokyo", -540],
    ["UTC", 0],
  ])("with TZ=%s", async (tz, julyOffset) => {
    const out = await inZone(tz);
    // The child really ran in that zone.
    expect(out.zone).toBe(tz === "UTC" ? "UTC" : tz);
    expect(out.julyOffset).toBe(julyOffset);
    expect(out.results).toEqual(EXPECTED);
  });
});
