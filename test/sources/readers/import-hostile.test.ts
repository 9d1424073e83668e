import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { importPaths } from "../../../src/sources/readers/import.ts";
import { HtmlLimitError, htmlToText, tidy } from "../../../src/sources/readers/html-to-text.ts";
import { parseSeedPage } from "../../../src/sources/readers/seed-page.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../../helpers/core.ts";

// Every hostile input is generated here, in the test's own temp folder.
const NESTED = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);
const SPACES = " ".repeat(160 * 1024);

const goodMonth = (): Array<{ value: Record<string, unknown> }> =>
  (JSON.parse(readFileSync(join(FIXTURE_QUESTIONS_DIR, "list.json"), "utf8")) as { results: Array<{ value: Record<string, unknown> }> }).results;

/** 1.5 GB of JSON whitespace after "[" in 1.5 MB: gzip members, each 1 MB of spaces, one after another. */
function gzipBomb(path: string): void {
  const member = gzipSync(Buffer.alloc(1024 * 1024, " "), { level: 9 });
  writeFileSync(path, Buffer.concat([gzipSync("["), ...Array.from({ length: 1536 }, () => member)]));
}

let store: SqliteStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

describe("import of a folder with hostile files beside good ones", () => {
  it("stores every good record, and names the bomb and the bad record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wq-hostile-"));
    const month = goodMonth();
    writeFileSync(join(dir, "2024-12.json"), JSON.stringify(month));
    copyFileSync(join(FIXTURE_QUESTIONS_DIR, "members.json"), join(dir, "members.json"));
    const template = month[0]!.value;
    const record = (id: number, patch: Record<string, unknown>) => ({ value: { ...template, id, uin: `H${id}`, ...patch }, links: [] });
    writeFileSync(
      join(dir, "hostile.json"),
      JSON.stringify([
        record(990001, { answerText: `<p>Answer</p>${NESTED}` }),
        record(990002, { questionText: `To ask${SPACES}the Secretary of State about spaces.` }),
        record(990003, {}),
        record(990004, { heading: "A normal record" }),
      ]),
    );
    gzipBomb(join(dir, "bomb.json.gz"));
    expect(readFileSync(join(dir, "bomb.json.gz")).length).toBeLessThan(2 * 1024 * 1024);

    store = new SqliteStore(join(dir, "wq.db"));
    const summary = await importPaths([dir], store);

    // The good month, the 160 KB-spaces record and the two normal ones: all stored.
    expect(await store.countQuestions()).toBe(month.length + 3);
    for (const id of ["990002", "990003", "990004", String(template["id"])]) expect(await store.getQuestion(id), id).not.toBeNull();
    expect((await store.getQuestion("990002"))?.questionText).toMatch(/^To ask +the Secretary/);
    expect(await store.getQuestion("990001")).toBeNull();
    // Members from the file beside them named the askers.
    expect((await store.getQuestion(String(template["id"])))?.askingMember?.name).not.toBe("");

    expect(summary.skipped).toBe(2);
    expect(summary.messages).toHaveLength(2);
    const bad = summary.messages.find((m) => m.includes("hostile.json"));
    expect(bad).toMatch(/record 1 \(id 990001\) skipped: answer HTML nested deeper than/);
    const bomb = summary.messages.find((m) => m.includes("bomb.json.gz"));
    expect(bomb).toMatch(/unpacks to more than 256 MB/);
    // Streaming: the process never held the 1.5 GB (the old import peaked at 3.2 GB on it).
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(1024 ** 3);
  });

  it("keeps the records before a file breaks off, and names where it broke", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wq-broken-"));
    const month = goodMonth();
    writeFileSync(join(dir, "cut.json"), JSON.stringify(month).slice(0, -200));
    store = new SqliteStore(join(dir, "wq.db"));
    const summary = await importPaths([dir], store);
    expect(await store.countQuestions()).toBe(month.length - 1);
    expect(summary.messages).toEqual([expect.stringMatching(/cut\.json: .*skipped from there on \(the 9 records before were read\)/)]);
  });

  it("caps a file's unpacked size as configured", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wq-cap-"));
    writeFileSync(join(dir, "big.json"), JSON.stringify(goodMonth()));
    store = new SqliteStore(join(dir, "wq.db"));
    const summary = await importPaths([dir], store, { maxFileBytes: 1024 });
    expect(summary.messages).toEqual([expect.stringMatching(/big\.json: unpacks to more than 0 MB/)]);
  });

  it("imports the seed pages and fixtures as before, in one pass per kind", async () => {
    store = new SqliteStore(":memory:");
    const summary = await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
    expect(summary.skipped).toBe(0);
    expect(summary.newestAnswer).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("text clean-up in linear time", () => {
  it("converts 5,000 nested <div>s to a named error instead of overflowing the stack", () => {
    expect(() => htmlToText(NESTED)).toThrow(HtmlLimitError);
    expect(htmlToText("<div>".repeat(100) + "kept" + "</div>".repeat(100))).toBe("kept");
  });

  it("trims a 160 KB run of spaces at once, keeping the words around it", () => {
    expect(tidy(`a${SPACES}b${SPACES}\n\n\n\nc\u00a0${SPACES}`)).toBe(`a${SPACES}b\n\nc`);
    expect(tidy("  1. first\n  2. second  ")).toBe("1. first\n2. second");
  });

  it("reads a 300 KB seed page with long runs of spaces", () => {
    const seed = readFileSync(join(SEEDS_DIR, "china-uighurs-2021-06-07.txt"), "utf8");
    const run = " ".repeat(100_000);
    const lines = seed.split("\n");
    lines.splice(3, 0, `Asked by: Jane Doe${run}(Labour${run}- Somewhere)`);
    lines[0] = `${lines[0]}${run}x`;
    const q = parseSeedPage(lines.join("\n") + `${run}end`);
    expect(q.dateTabled).toBe("2021-06-07");
    expect(q.askingMember).toEqual({ id: null, name: "Jane Doe", party: "Labour" });
    expect(q.answerText).toMatch(/ end$/);
  });
});
