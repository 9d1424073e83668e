/**
 * The build as `npm run build` makes it, in a copy of the project (the repository's own dist/ is
 * left alone): the bundled wq answers exactly as the sources do, and a bundled module's relative
 * URLs still find what sits beside tsc's output (the seed pages, the search worker's file).
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runCli } from "../../src/cli.ts";
import { FIXTURE_QUESTIONS_DIR, SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const copy = mkdtempSync(join(tmpdir(), "wq-build-"));
const db = join(copy, "wq.db");
const run = promisify(execFile);

async function fromSources(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: () => {}, env: { WQ_DB: db }, isTTY: false });
  expect(code).toBe(0);
  return out.join("\n") + "\n";
}

async function fromBundle(...argv: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(copy, "bin", "wq.mjs"), ...argv], { env: { PATH: process.env["PATH"], WQ_DB: db } });
  return stdout;
}

beforeAll(async () => {
  for (const part of ["src", "bin", "scripts", "seeds", "package.json", "tsconfig.json", "tsconfig.build.json"]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  await run(process.execPath, [join(copy, "scripts", "build.mjs")], { cwd: copy });
  expect(await fromSources("import", SEEDS_DIR, FIXTURE_QUESTIONS_DIR)).toMatch(/^Imported 11 questions/);
}, 120_000);

describe("the bundled build", () => {
  it("replaces the entry points with bundles and their chunks, keeping tsc's search worker", () => {
    const dist = readdirSync(join(copy, "dist"));
    expect(dist.some((f) => /^chunk-.*\.js$/.test(f))).toBe(true);
    expect(existsSync(join(copy, "dist", "core", "search", "search-worker.js"))).toBe(true);
  });

  it("answers searches, shows and the latest exactly as the sources do", async () => {
    for (const argv of [
      ["search", "xinjiang"],
      ["search", "xinjiang", "--json", "--limit", "2"],
      ["search", '"forced labour" OR uighur', "--json"],
      ["show", SEED_ID],
      ["latest", "3", "--json"],
    ]) expect(await fromBundle(...argv), argv.join(" ")).toBe(await fromSources(...argv));
  }, 60_000);

  it("exits as soon as it is done, with all of its output and its exit code", async () => {
    // The process ends itself once its output is written (a library's timer would hold it open):
    // 2,000 answers through a pipe must all arrive, whole, and a refused query still exits 2.
    const batch = await new Promise<{ lines: string[]; code: number | null }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(copy, "bin", "wq.mjs"), "search", "--batch"], { env: { PATH: process.env["PATH"], WQ_DB: db } });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
      child.once("error", reject);
      child.once("close", (code) => resolve({ lines: out.split("\n").filter(Boolean), code }));
      child.stdin.end(Array.from({ length: 2000 }, (_, i) => (i % 2 ? "xinjiang" : "forced labour")).join("\n") + "\n");
    });
    expect(batch.code).toBe(0);
    expect(batch.lines).toHaveLength(2000);
    expect(batch.lines.map((l) => (JSON.parse(l) as { query: string }).query).slice(-2)).toEqual(["forced labour", "xinjiang"]);
    const refused = await run(process.execPath, [join(copy, "bin", "wq.mjs"), "search", "bad:filter"], { env: { PATH: process.env["PATH"], WQ_DB: db } }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown filter "bad:"') });
  }, 60_000);

  it("finds the seed pages beside the project, as tsc's output does (a bundled module's import.meta.url is put back)", async () => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", `
      const { readdirSync, readFileSync } = await import("node:fs");
      const dir = ${JSON.stringify(join(copy, "dist"))};
      const chunk = readdirSync(dir).find((f) => f.endsWith(".js") && readFileSync(dir + "/" + f, "utf8").includes('"./sources/config.js"'));
      const { loadConfig } = await import(dir + "/" + chunk);
      process.stdout.write(loadConfig({}, ["sources"]).sources.seeds);
    `]);
    expect(stdout).toBe(join(copy, "seeds"));
  });

  it("starts the index build's encoder threads from tsc's files, where the bundle's EncoderPool looks for them", async () => {
    const dist = join(copy, "dist");
    const bundled = readdirSync(dist).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dist, f), "utf8"));
    expect(bundled.some((text) => text.includes('"./core/search/encoder-pool.js"'))).toBe(true);
    // A file, not -e: a worker thread inherits node's flags, and --input-type is refused in one.
    const script = join(copy, "encode-once.mjs");
    writeFileSync(script, `
      const dir = ${JSON.stringify(join(dist, "core", "search"))};
      const { EncoderPool } = await import(dir + "/encoder-pool.js");
      const { encodeFields } = await import(dir + "/documents.js");
      const texts = [["Uyghurs: Forced Labour", "To ask about nurses in Kiev.", "Answered by the Minister."]];
      const pool = new EncoderPool(1);
      const [line] = await pool.encode(texts);
      await pool.close();
      process.stdout.write(JSON.stringify([line, encodeFields(texts[0])]));
    `);
    const { stdout } = await run(process.execPath, [script]);
    const [fromThread, here] = z.tuple([z.string(), z.string()]).parse(JSON.parse(stdout));
    expect(fromThread).toBe(here);
    expect(fromThread.split(" ")).toEqual(expect.arrayContaining(["uighur", "kyiv", "nurs"]));
  });
});
