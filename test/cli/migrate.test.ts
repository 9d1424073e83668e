import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";

describe("wq migrate (a deploy's release step)", () => {
  it("creates a new database with its schema, reports it, and running it again changes nothing", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "wq-migrate-")), "data", "wq.db");
    const out: string[] = [];
    const run = () => runCli(["migrate"], { out: (t) => out.push(t), err: (t) => out.push(t), env: { WQ_DB: db }, isTTY: false });
    expect(await run()).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(await run()).toBe(0);
    expect(out).toEqual([`SQLite (${db}): schema up to date, 0 questions held.`, `SQLite (${db}): schema up to date, 0 questions held.`]);
  });

  it("names DATABASE_URL and exits 2 when it is malformed", async () => {
    const err: string[] = [];
    const code = await runCli(["migrate"], { out: () => {}, err: (t) => err.push(t), env: { DATABASE_URL: "mysql://x" }, isTTY: false });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/DATABASE_URL/);
  });
});
