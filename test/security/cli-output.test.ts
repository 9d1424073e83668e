/**
 * The command line prints nothing from the data that could drive the terminal, and a reader that
 * stops reading (`| head`) ends it quietly with exit 0.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { answered, makeQuestion } from "../store/fixtures.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), "wq-cli-safe-")), "wq.db");
// OSC 52 (write the clipboard), a screen clear, a bell, a C1 CSI and a bidi override.
const HOSTILE = "Solar \x1b]52;c;cm0gLXJmIH4=\x07panels \x1b[2J\x9b31m\u202eevil";
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;

async function wq(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { WQ_DB: db, WQ_INDEX_CACHE: "off" }, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  const store = new SqliteStore(db);
  // More output than a pipe holds (64 KiB), so wq is still writing when the reader goes.
  const questions = Array.from({ length: 400 }, (_, i) =>
    answered(makeQuestion({ id: String(500 + i), heading: `${HOSTILE} ${i}` }), `The answer about solar panels ${HOSTILE}.`, "2026-11-10"),
  );
  await store.upsertQuestions(questions);
  // Every field the card shows can carry them: the UIN and the link too.
  await store.upsertQuestions([
    answered(makeQuestion({ id: "999", uin: "HL\x1b[2J9", heading: "Tidal power", url: "https://questions-statements.parliament.uk/x\x1b]52;c;eA==\x07" }), "Answer.", "2026-11-10"),
  ]);
  await store.close();
});

describe("CLI output and control characters", () => {
  it("search, latest and show print the hostile heading without its control characters", async () => {
    for (const argv of [["search", "solar"], ["latest", "3"], ["show", "500"], ["show", "999"], ["search", "tidal"]]) {
      const r = await wq(...argv);
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.out, argv.join(" ")).toMatch(/Solar|Tidal/);
      expect(r.out, argv.join(" ")).not.toMatch(CONTROLS);
    }
  });

  it("--json escapes the controls JSON.stringify leaves raw, and still parses to the stored text", async () => {
    const r = await wq("search", "solar", "--json", "--limit", "1");
    expect(r.out).not.toMatch(CONTROLS);
    const parsed = JSON.parse(r.out) as { results: Array<{ heading: string }> };
    expect(parsed.results[0]?.heading.startsWith(HOSTILE)).toBe(true);
  });

  it("a typed query's controls are not echoed back in an error", async () => {
    const r = await wq("search", 'dept:"\x1b]52;c;x\x07');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(CONTROLS);
  });
});

describe("CLI with a closed pipe", () => {
  it("`wq search solar | head -1`: the reader goes away, wq exits 0 with nothing on stderr", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/security/cli-process.ts", "search", "solar", "--limit", "400"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", WQ_DB: db, WQ_INDEX_CACHE: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    // Like head: read until the first line, then close the pipe; everything wq writes later meets EPIPE.
    let first = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (c: Buffer) => {
        first += c.toString();
        if (first.includes("\n")) resolve();
      });
    });
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    expect(first).toMatch(/^400 results for solar/);
    expect(err).toBe("");
    expect(code).toBe(0);
  }, 30_000);
});
