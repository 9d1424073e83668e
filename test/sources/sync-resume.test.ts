import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Question } from "../../src/model/question.ts";
import { importPaths } from "../../src/sources/readers/import.ts";
import { runSync } from "../../src/sources/sync.ts";
import { SyncStateSchema } from "../../src/store/sync-state.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";
import { SEEDS_DIR } from "../helpers/core.ts";
import { FIXTURES_DIR, PROJECT_ROOT } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

// The fixtures hold made-up questions tabled 2026-04-28 .. 2026-05-15, answered up to 2026-05-20.
let fake: FakeParliament;
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
});
afterEach(async () => {
  await fake.close();
});

async function everything(store: Store): Promise<Question[]> {
  const all: Question[] = [];
  for await (const batch of store.allQuestions()) all.push(...batch);
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** `wq sync` as a separate process, as an operator runs it, so that it can really be killed. */
function wqSync(db: string, args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "test/helpers/wq-cli.ts"), "sync", ...args, "--db", db], {
    // Slow enough (4 requests a second) that the run can be caught half way.
    env: { ...process.env, WQ_API_URL: fake.url, WQ_API_RATE: "4", DATABASE_URL: "", WQ_INDEX_CACHE: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited };
}

/** The backfill progress the sync keeps in its meta, read as another process would. */
function backfillThrough(db: string): string | null {
  if (!existsSync(db)) return null;
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const row = conn.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'sync.state'").get();
    return row ? (SyncStateSchema.parse(JSON.parse(row.value)).backfill?.through ?? null) : null;
  } catch {
    return null;
  } finally {
    conn.close();
  }
}

describe("wq sync --since, killed half way and run again", () => {
  it("resumes after the last finished week and ends with the same store as one uninterrupted run", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "wq-resume-")), "wq.db");
    const args = ["--since", "2026-04-20", "--until", "2026-05-31"];

    const first = wqSync(db, args);
    let through: string | null = null;
    for (let i = 0; i < 1200 && !(through && through >= "2026-05-03"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      through = backfillThrough(db);
    }
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    // Killed with weeks still to go: a real interruption, not a finished run.
    expect(killed.signal).toBe("SIGKILL");
    expect(through! >= "2026-05-03" && through! < "2026-05-31").toBe(true);

    const second = await wqSync(db, args).exited;
    expect(second.code, second.out).toBe(0);
    const resumedFrom = /synced (\d{4}-\d{2}-\d{2})\.\.2026-05-31/.exec(second.out)?.[1];
    expect(resumedFrom! > "2026-04-20").toBe(true);
    expect(backfillThrough(db)).toBeNull();

    const reference = new SqliteStore(":memory:");
    await runSync({ store: reference, apiUrl: fake.url, since: "2026-04-20", until: "2026-05-31", requestsPerSecond: 0 });
    const resumed = new SqliteStore(db);
    try {
      const held = await everything(resumed);
      expect(held.length).toBe(8);
      expect(held).toEqual(await everything(reference));
    } finally {
      await resumed.close();
      await reference.close();
    }
  }, 120_000);
});

describe("the bot's first sync after an import", () => {
  const TODAY = new Date("2026-11-25T10:00:00Z");

  it("starts at the newest answer the import brought, leaving no gap", async () => {
    const store = new SqliteStore(":memory:");
    const dir = mkdtempSync(join(tmpdir(), "wq-imported-"));
    // One question answered on 2026-05-01, as a corpus import would leave it.
    const value = { ...fake.data.items.get(9100004)!, id: 9300001, uin: "930001", dateAnswered: "2026-05-01T00:00:00", answerText: "Yes." };
    writeFileSync(join(dir, "2026-05.json"), JSON.stringify([{ value, links: [] }]));
    await importPaths([dir, SEEDS_DIR], store);
    const first = await runSync({ store, apiUrl: fake.url, now: () => TODAY, requestsPerSecond: 0 });
    // The newest answer less the 2-day overlap, not the last 30 days.
    expect(first.since).toBe("2026-04-29");
    expect(await store.countQuestions()).toBe(1 + 1 + 8);
    await store.close();
  });

  it("without an import (a seed page is not the API's data) backfills the last 30 days", async () => {
    const store = new SqliteStore(":memory:");
    await importPaths([SEEDS_DIR], store);
    const first = await runSync({ store, apiUrl: fake.url, now: () => TODAY, requestsPerSecond: 0 });
    expect(first.since).toBe("2026-10-27");
    await store.close();
  });
});
