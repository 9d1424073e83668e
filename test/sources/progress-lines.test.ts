import { PassThrough } from "node:stream";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openIndex } from "../../src/core/search/index-cache.ts";
import { storeTexts } from "../../src/core/search/store-texts.ts";
import { loadSourcesConfig } from "../../src/sources/config.ts";
import { syncCommand } from "../../src/sources/sync-command.ts";
import { importCommand, progressLine } from "../../src/sources/import-command.ts";
import { useFixtureApi } from "./fixture-api.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../helpers/core.ts";

/** A clock that moves a minute at every look: every progress check is due for a line. */
const minutes = (): (() => number) => {
  let t = 0;
  return () => (t += 60_000);
};

const api = useFixtureApi();

describe("progress when not on a terminal", () => {
  it("wq sync writes plain lines with the week, the counts and an ETA, no bar", async () => {
    const err: string[] = [];
    const code = await syncCommand(["--since", "2026-04-20", "--until", "2026-05-31"], {
      sync: loadSourcesConfig({ WQ_API_URL: api.fake.url, WQ_API_RATE: "0" }).sync,
      store: api.store,
      out: () => {},
      err: (t) => err.push(t),
      isTTY: false,
      progress: null,
      clock: minutes(),
    });
    expect(code).toBe(0);
    expect(err.length).toBeGreaterThan(3);
    for (const line of err) expect(line).toMatch(/^sync: 2026-\d\d-\d\d\.\.2026-\d\d-\d\d \(\d\/6\), \d+ questions listed, details \d+\/\d+, \d+ q\/s, ETA (\d+:\d\d|--:--)$/);
    expect(err.join("\n")).not.toContain("\x1b[");
  });

  it("wq import writes plain lines, then refreshes the index snapshot", async () => {
    const err: string[] = [];
    const cachePath = join(mkdtempSync(join(tmpdir(), "wq-import-cli-")), "wq.db.index");
    const summary = await importCommand([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], {
      store: api.store,
      refreshIndex: async () => (await openIndex(api.store, storeTexts(api.store), cachePath)).index.size,
      err: (t) => err.push(t),
      progress: null,
      now: minutes(),
      plainEveryMs: 1,
    });
    expect(summary.inserted).toBe(11);
    const lines = err.filter((l) => l.startsWith("import: "));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(/^import: 100% \(4\/4 files, [\d.]+\/[\d.]+ MB read\), 11 questions, \d+ s$/);
    expect(err).toContain("Refreshing the search index snapshot...");
    expect(err.at(-1)).toMatch(/^Search index ready: 11 questions/);
    expect(existsSync(cachePath)).toBe(true);
  });

  it("draws a bar on a terminal instead", async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let drawn = "";
    tty.on("data", (d: Buffer) => (drawn += d.toString()));
    const err: string[] = [];
    await importCommand([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], { store: api.store, refreshIndex: null, err: (t) => err.push(t), progress: tty });
    expect(drawn).toMatch(/import .*\| \d+\/4 files/);
    expect(err).toEqual([]);
  });

  it("progressLine says the share read, files and questions", () => {
    expect(progressLine({ bytesDone: 512 * 1024, bytesTotal: 2048 * 1024, filesDone: 1, files: 4, questionsRead: 12_345, file: "x" }, 65_000)).toBe(
      "import: 25% (1/4 files, 0.5/2.0 MB read), 12,345 questions, 65 s",
    );
  });
});
