import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Runs what `npm start` runs with the given environment and input; resolves with its output and exit code. */
function start(env: Record<string, string>, input: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

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
