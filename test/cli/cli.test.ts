import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

interface Run {
  code: number;
  out: string;
  err: string;
}

const db = join(mkdtempSync(join(tmpdir(), "wq-cli-")), "wq.db");
async function wq(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  const r = await wq("import", SEEDS_DIR, FIXTURE_QUESTIONS_DIR);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^Imported 11 questions from 4 files: 11 new/);
});

describe("the wq command line", () => {
  it("prints search results as JSON in the documented shape", async () => {
    const r = await wq("search", "xinjiang", "--json", "--limit", "2");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { total: number; results: Array<Record<string, unknown>> };
    expect(json.total).toBeGreaterThanOrEqual(3);
    expect(json.results).toHaveLength(2);
    expect(Object.keys(json.results[0]!).sort()).toEqual(
      ["id", "uin", "house", "heading", "dateTabled", "dateAnswered", "answeringBodyId", "answeringBodyName", "askingMember", "answeringMember", "url", "snippet"].sort(),
    );
    const first = json.results[0]!;
    expect(first["dateTabled"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // memberFrom (constituency) is null where the source did not give it.
    expect(first["askingMember"]).toEqual({ id: expect.any(Number), name: expect.any(String), party: expect.any(String), memberFrom: expect.toBeOneOf([expect.any(String), null]) });
    const next = JSON.parse((await wq("search", "xinjiang", "--json", "--limit", "2", "--offset", "2")).out) as typeof json;
    expect(next.results.map((x) => x["id"])).not.toContain(first["id"]);
  });

  it("shows a whole record as JSON and as text", async () => {
    const json = await wq("show", SEED_ID, "--json");
    expect(json.code).toBe(0);
    const q = JSON.parse(json.out) as Record<string, unknown>;
    expect(q["heading"]).toBe("China: Uighurs");
    expect(String(q["answerText"])).toContain("cross-Government working group");
    const text = await wq("show", SEED_ID);
    expect(text.out).toContain("China: Uighurs");
    expect(text.out).toContain("cross-Government working group");
  });

  it("lists the latest answers", async () => {
    const r = await wq("latest", "2", "--json");
    expect((JSON.parse(r.out) as { results: unknown[] }).results).toHaveLength(2);
  });

  it("exits 2 with a message on a bad query or argument", async () => {
    for (const argv of [["search", "foo:bar"], ["search"], ["search", "x", "--limit", "lots"], ["show", "nonsense!"], ["frobnicate"], ["search", "x", "--colour"], ["search", "foo:bar", "--json"]]) {
      const r = await wq(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.length, argv.join(" ")).toBeGreaterThan(5);
      expect(r.err, argv.join(" ")).not.toMatch(/\n\s+at /);
    }
    expect((await wq("search", "foo:bar")).err).toMatch(/Unknown filter "foo:"/);
  });

  it("holds --limit and --offset to the search command's bounds, --json and --batch too", async () => {
    for (const mode of [["--json"], ["--batch"], []]) {
      const query = mode[0] === "--batch" ? [] : ["xinjiang"];
      const limit = await wq("search", ...query, ...mode, "--limit", "10001");
      expect(limit.code, mode.join(" ")).toBe(2);
      expect(limit.err).toBe("--limit takes a whole number from 0 to 10000");
      const offset = await wq("search", ...query, ...mode, "--offset", "10000001");
      expect(offset.code, mode.join(" ")).toBe(2);
      expect(offset.err).toBe("--offset takes a whole number from 0 to 10000000");
    }
    expect((await wq("search", "xinjiang", "--json", "--limit", "10000", "--offset", "10000000")).code).toBe(0);
  });

  it("exits 1 when a known-good reference is not held, or the database cannot be opened", async () => {
    expect((await wq("show", "2020-01-01/1")).code).toBe(1);
    const notAFolder = join(mkdtempSync(join(tmpdir(), "wq-cli-")), "file");
    writeFileSync(notAFolder, "");
    const out: string[] = [];
    const code = await runCli(["search", "x"], { out: (t) => out.push(t), err: (t) => out.push(t), env: { WQ_DB: join(notAFolder, "wq.db") }, isTTY: false });
    expect(code).toBe(1);
    expect(out.join("")).toMatch(/^wq failed:/);
  });
});
