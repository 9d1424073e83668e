import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runCli } from "../../../src/cli.ts";
import { importPaths } from "../../../src/sources/readers/import.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import type { Question } from "../../../src/model/question.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../../helpers/core.ts";

/** The JSON shape, exactly: no key more, none less. */
const TrendJson = z
  .object({
    query: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int(), byDepartment: z.record(z.string(), z.number().int()) }).strict()),
    topAskers: z.array(z.object({ name: z.string(), count: z.number().int() }).strict()),
    answeredOnTime: z.number().min(0).max(1).nullable(),
  })
  .strict();

let dir: string;
let db: string;
const held: Question[] = [];
const tabledIn = (prefix: string, body?: number): number => held.filter((q) => q.dateTabled.startsWith(prefix) && (body === undefined || q.answeringBody.id === body)).length;

async function wq(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wq-trend-cli-"));
  db = join(dir, "wq.db");
  const store = new SqliteStore(db);
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  for await (const batch of store.allQuestions()) held.push(...batch);
  await store.close();
});

describe("wq trend", () => {
  it("prints the issue's JSON shape, each month's departments adding up to its count", async () => {
    // The fixtures hold questions tabled from December 2023 to December 2024.
    const { code, out } = await wq("trend", "tabled:2023-12..2024-12", "--json");
    expect(code).toBe(0);
    const json = TrendJson.parse(JSON.parse(out));
    expect(json.query).toBe("tabled:2023-12..2024-12");
    expect([json.from, json.to]).toEqual(["2023-12-01", "2024-12-31"]);
    expect(json.months.map((m) => m.month)).toHaveLength(13);
    for (const m of json.months) expect(Object.values(m.byDepartment).reduce((a, b) => a + b, 0)).toBe(m.count);
    for (const m of json.months) expect(m.count, m.month).toBe(tabledIn(m.month));
    expect(json.months.reduce((sum, m) => sum + m.count, 0)).toBeGreaterThan(5);
  });

  it("counts by week with --by week, within --from and --to", async () => {
    const { code, out } = await wq("trend", "dept:fcdo", "--by", "week", "--from", "2024-12-01", "--to", "2024-12-15", "--json");
    expect(code).toBe(0);
    const json = z.object({ from: z.string(), to: z.string(), weeks: z.array(z.object({ week: z.string(), count: z.number() })) }).parse(JSON.parse(out));
    expect([json.from, json.to]).toEqual(["2024-12-01", "2024-12-15"]);
    // Weeks from Monday: 1 December 2024 is a Sunday, so the first week began on 25 November.
    expect(json.weeks.map((w) => w.week)).toEqual(["2024-11-25", "2024-12-02", "2024-12-09"]);
    const fcdo = (from: string, to: string): number => held.filter((q) => q.answeringBody.id === 208 && q.dateTabled >= from && q.dateTabled <= to).length;
    expect(json.weeks.map((w) => w.count)).toEqual([fcdo("2024-12-01", "2024-12-01"), fcdo("2024-12-02", "2024-12-08"), fcdo("2024-12-09", "2024-12-15")]);
    expect(fcdo("2024-12-01", "2024-12-15")).toBeGreaterThan(0);
  });

  it("writes the chart with --png and prints the numbers as text", async () => {
    const file = join(dir, "chart.png");
    const { code, out } = await wq("trend", "tabled:2024", "--png", file);
    expect(code).toBe(0);
    expect(out).toContain(`Chart written to ${file}`);
    expect(out).toContain(`Total: ${tabledIn("2024")} questions in 12 months`);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([1200, 600]);
  });

  it("refuses a bad query, period or date with exit 2 and one line with an example", async () => {
    expect(await wq("trend", "dept:nowhere")).toMatchObject({ code: 2, err: expect.stringContaining("dept:") });
    expect(await wq("trend", "x", "--by", "day")).toMatchObject({ code: 2, err: "--by is month or week, e.g. --by week" });
    expect(await wq("trend", "x", "--from", "2024-13")).toMatchObject({ code: 2, err: "--from 2024-13 is not a real date, e.g. --from 2024-01" });
    expect(await wq("trend", "x", "--from", "1990")).toMatchObject({ code: 2, err: expect.stringContaining("at most 156") });
    expect(await wq("trend")).toMatchObject({ code: 2, err: expect.stringContaining("wq trend needs a query, e.g.") });
  });
});
