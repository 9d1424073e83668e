import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "./helpers/wq-main.ts";

const start = runMain;

describe("npm start", () => {
  it("opens the console over a new database with the seed, and answers a search", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "wq-main-")), "data", "wq.db");
    const run = await start({ WQ_DB: db }, "/wq search uighur\nquit\n");
    expect(run.code).toBe(0);
    expect(run.out).toContain("1 result for uighur");
    expect(run.out).toContain("China: Uighurs");
    expect(run.err).toBe("");
  });

  it("names every bad setting and exits 1 without starting", async () => {
    const run = await start({ WQ_DB: ":memory:", SLACK_BOT_TOKEN: "xoxb-1", DATABASE_URL: "mysql://x", WQ_SYNC_INTERVAL: "soon" }, "");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/DATABASE_URL/);
    expect(run.err).toMatch(/SLACK_SIGNING_SECRET/);
    expect(run.err).toMatch(/WQ_SYNC_INTERVAL/);
    expect(run.out).not.toContain("wq>");
  });
});
