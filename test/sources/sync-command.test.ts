import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { loadSourcesConfig } from "../../src/sources/config.ts";
import { progressView, syncCommand, type SyncCommandDeps } from "../../src/sources/sync-command.ts";
import { loadStoreConfig } from "../../src/store/config.ts";
import { readSyncStatus } from "../../src/store/sync-state.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

let fake: FakeParliament;
let store: SqliteStore;
let out: string[];
let err: string[];
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
  store = new SqliteStore(":memory:");
  out = [];
  err = [];
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

const deps = (extra: Partial<SyncCommandDeps> = {}): SyncCommandDeps => ({
  sync: loadSourcesConfig({ WQ_API_URL: fake.url, WQ_API_RATE: "0" }).sync,
  store,
  out: (t) => out.push(t),
  err: (t) => err.push(t),
  isTTY: false,
  progress: null,
  now: () => new Date("2026-05-25T10:00:00Z"),
  ...extra,
});

describe("wq sync", () => {
  it("syncs and prints a one-line summary", async () => {
    expect(await syncCommand([], deps())).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^synced 2026-04-26\.\.2026-05-25: 8 questions listed, 8 new, 0 updated/);
    expect(await store.countQuestions()).toBe(8);
  });

  it("--json prints the summary as JSON; the whole command line may be passed", async () => {
    expect(await syncCommand(["--db", "x.db", "sync", "--since", "2026-05-01", "--until", "2026-05-31", "--json"], deps())).toBe(0);
    const summary = JSON.parse(out[0] ?? "");
    expect(summary).toMatchObject({ ok: true, since: "2026-05-01", until: "2026-05-31", inserted: 8, skipped: 0, changed: 8 });
  });

  it("bad arguments and bad settings exit 2 with a message", async () => {
    expect(await syncCommand(["--since", "yesterday"], deps())).toBe(2);
    expect(err.join("\n")).toContain("YYYY-MM-DD");
    expect(await syncCommand(["--frobnicate"], deps())).toBe(2);
    expect(await syncCommand(["sync", "2026-05-01"], deps())).toBe(2);
    expect(await syncCommand(["--since", "2026-05-10", "--until", "2026-05-01"], deps())).toBe(2);
    // Settings are parsed once, by the command line before it runs sync.
    const cli = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { WQ_DB: ":memory:", WQ_API_URL: "not a url" }, isTTY: false };
    expect(await runCli(["sync"], cli)).toBe(2);
    expect(err.join("\n")).toContain("WQ_API_URL");
    expect(await store.countQuestions()).toBe(0);
  });

  it("a failure exits 1, says why, and is kept for /wq status", async () => {
    fake.inject({ fault: { kind: "status", status: 400 }, times: Infinity });
    expect(await syncCommand(["--json"], deps())).toBe(1);
    expect(JSON.parse(out[0] ?? "")).toMatchObject({ ok: false, error: expect.stringContaining("400") });
    expect(err.join("\n")).toContain("wq sync failed");
    expect((await readSyncStatus(store)).lastError?.message).toContain("400");
  });

  it("draws progress only on a terminal", async () => {
    const stream = (isTTY: boolean) => {
      const s = Object.assign(new PassThrough(), { isTTY, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
      const drawn = { text: "" };
      s.on("data", (c: Buffer) => (drawn.text += c.toString()));
      return { s, drawn };
    };
    const tty = stream(true);
    expect(await syncCommand([], deps({ isTTY: true, progress: tty.s }))).toBe(0);
    expect(tty.drawn.text).toContain("pages");
    expect(out[0]).toMatch(/^synced/);

    // Piped (not a terminal), or a terminal with --json: the same sync draws nothing.
    const piped = stream(false);
    out.length = 0;
    expect(await syncCommand(["--since", "2026-05-01"], deps({ isTTY: false, progress: piped.s }))).toBe(0);
    expect(out[0]).toMatch(/^synced/);
    const json = stream(true);
    expect(await syncCommand(["--since", "2026-05-01", "--json"], deps({ isTTY: true, progress: json.s }))).toBe(0);
    expect(piped.drawn.text).toBe("");
    expect(json.drawn.text).toBe("");
  });

  it("opens and closes the SQLite file itself when given the store's settings", async () => {
    const path = `/tmp/wq-sync-command-${process.pid}-${Date.now()}.db`;
    expect(await syncCommand([], deps({ store: undefined, storeConfig: loadStoreConfig({ WQ_DB: path }) }))).toBe(0);
    const reopened = new SqliteStore(path);
    expect(await reopened.countQuestions()).toBe(8);
    await reopened.close();
  });
});

describe("progressView", () => {
  it("shows pages, questions, details, rate and an ETA that counts windows not yet listed", () => {
    const v = progressView(
      {
        phase: "detail",
        window: { index: 2, count: 4, from: "2026-05-08", to: "2026-05-14" },
        pagesDone: 6,
        pagesKnown: 6,
        itemsListed: 600,
        detailsDone: 100,
        detailsKnown: 194,
        stored: 300,
      },
      10_000,
    );
    expect(v.pages).toBe("6/6");
    expect(v.details).toBe("100/194");
    expect(v.rate).toBe("60 q/s");
    expect(v.done).toBe(106);
    // 200 known over two windows, two more to come at ~100 each.
    expect(v.total).toBe(400);
    expect(v.eta).toBe("0:28");
  });
});
