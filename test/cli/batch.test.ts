/** `wq search --batch`: one JSON line per query line, in order, each written as it is answered. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../helpers/core.ts";

const db = join(mkdtempSync(join(tmpdir(), "wq-batch-")), "wq.db");

async function wq(argv: string[], stdin: NodeJS.ReadableStream, onOut?: (line: string) => void): Promise<{ code: number; lines: string[]; err: string }> {
  const lines: string[] = [];
  const err: string[] = [];
  const out = (t: string): void => {
    lines.push(t);
    onOut?.(t);
  };
  const code = await runCli(argv, { out, err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false, stdin });
  return { code, lines, err: err.join("\n") };
}

interface Line {
  query: string;
  total: number;
  results: Array<Record<string, unknown>>;
  error?: string;
}

beforeAll(async () => {
  expect((await wq(["import", SEEDS_DIR, FIXTURE_QUESTIONS_DIR], Readable.from([]))).code).toBe(0);
});

describe("wq search --batch", () => {
  it("answers each line in order with the shape of search --json; a bad query is that line's error", async () => {
    const single = JSON.parse((await wq(["search", "xinjiang", "--json", "--limit", "2"], Readable.from([]))).lines.join("")) as Line;
    const input = Readable.from(['xinjiang\n"forced labour"\ndept:nowhere\n\nsolar OR nurses\n']);
    const r = await wq(["search", "--batch", "--limit", "2"], input);
    expect(r.code).toBe(0);
    const lines = r.lines.map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.query)).toEqual(["xinjiang", '"forced labour"', "dept:nowhere", "", "solar OR nurses"]);
    expect(lines[0]).toEqual({ query: "xinjiang", total: single.total, results: single.results });
    expect(lines[1]!.total).toBeGreaterThan(0);
    expect(lines[2]!.error).toMatch(/nowhere/);
    expect(lines[2]).toMatchObject({ total: 0, results: [] });
    expect(lines[3]!.error).toMatch(/empty/);
    expect(lines[4]!.error).toBeUndefined();
    expect(lines[4]!.results.length).toBeLessThanOrEqual(2);
  });

  it("applies --offset to every query", async () => {
    const first = JSON.parse((await wq(["search", "--batch", "--limit", "1"], Readable.from(["xinjiang\n"]))).lines[0]!) as Line;
    const second = JSON.parse((await wq(["search", "--batch", "--limit", "1", "--offset", "1"], Readable.from(["xinjiang\n"]))).lines[0]!) as Line;
    expect(second.results).toHaveLength(1);
    expect(second.results[0]!["id"]).not.toBe(first.results[0]!["id"]);
  });

  it("writes each answer before the next query has arrived", async () => {
    const input = new PassThrough();
    let seen = 0;
    let resolveFirst: () => void = () => {};
    const firstOut = new Promise<void>((r) => (resolveFirst = r));
    const run = wq(["search", "--batch"], input, () => {
      seen++;
      resolveFirst();
    });
    input.write("xinjiang\n");
    await firstOut;
    // The stream is still open: the answer came from the line alone, not at the end of input.
    expect(seen).toBe(1);
    input.end("solar\n");
    const r = await run;
    expect(r.lines).toHaveLength(2);
  });

  it("refuses queries on the command line with --batch", async () => {
    const r = await wq(["search", "--batch", "xinjiang"], Readable.from([]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stdin/);
  });
});
