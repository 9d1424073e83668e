/**
 * The program as an operator and a user meet it (issue 11): a one-off `wq search xinjiang` from a
 * fresh process, beside a one-off SQLite FTS5 search and Node starting with nothing to do; and the
 * bot in Slack HTTP mode (dist/main.js, what the Procfile runs) serving the whole corpus, its
 * process tree's memory beside the same bot holding only the seed page, and, when the scale
 * database is there, the bot's first start at full history with no snapshot (the index built as
 * it starts: what a host must allow for).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { FakeSlack } from "../test/fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../test/fakes/slack/signed-request.ts";
import { compiledCli, compiledMain } from "./compiled.ts";
import { corpusDatabase } from "./corpus.ts";
import { ensureFts5, fts5Path } from "./fts5.ts";
import { SCALE_DB } from "./search.ts";
import { runMeasured, treeMB, type Measured } from "./proc.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 15;
const SEARCHES = 100;
const SECRET = "bench-signing-secret";

/** Spawn to exit of one process, its output checked, and its peak memory as last seen while it ran. */
async function oneOff(args: string[], env: Record<string, string>): Promise<Measured> {
  // These live a fraction of a second: their peak is polled every 5 ms.
  const run = await runMeasured(args, { cwd: ROOT, env, pollMs: 5 });
  if (run.code !== 0 || !/xinjiang|^\d+/i.test(run.stdout)) throw new Error(`${args.join(" ")} exited ${run.code}: ${run.stdout.slice(0, 200)}`);
  return run;
}

/** The reference: a fresh Node process that opens the FTS5 file and answers the same search, its total and first five. */
const FTS5_ONCE = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { readonly: true });
const total = db.prepare("SELECT count(*) AS n FROM fts WHERE fts MATCH ?").get("xinjiang").n;
const rows = db.prepare("SELECT q.id, q.date_tabled FROM fts JOIN q ON q.rowid = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts, 4, 2, 1) LIMIT 5").all("xinjiang");
process.stdout.write(total + " results for xinjiang\\n" + rows.map((r) => r.id + " " + r.date_tabled).join("\\n") + "\\n");
`;

async function oneOffSection(db: string): Promise<BenchSection> {
  const cli = await compiledCli();
  const store = new SqliteStore(db);
  await ensureFts5(store, db);
  const held = await store.countQuestions();
  await store.close();
  // The snapshot is made by a first run, not timed.
  await oneOff([cli, "search", "xinjiang"], { WQ_DB: db });
  const kinds: Array<[string, string[]]> = [
    ["`wq search xinjiang` (bin/wq.mjs over dist/, index from its snapshot)", [cli, "search", "xinjiang"]],
    ["reference: a Node process answering the same search with SQLite FTS5", ["-e", FTS5_ONCE, fts5Path(db)]],
    ["reference: Node starting and exiting with nothing to do", ["-e", "process.stdout.write('0 results for xinjiang')"]],
  ];
  const runs = new Map<string, Measured[]>(kinds.map(([name]) => [name, []]));
  // Interleaved, so that a busy spell of the machine falls on all three alike.
  for (let i = 0; i < RUNS; i++) for (const [name, args] of kinds) runs.get(name)!.push(await oneOff(args, { WQ_DB: db }));
  return {
    title: "A one-off search from the command line",
    columns: ["process", "runs", "median s", "min s", "max s", "peak RSS MB"],
    rows: kinds.map(([name]) => {
      const r = runs.get(name)!;
      const s = r.map((x) => x.seconds);
      return { process: name, runs: r.length, "median s": median(s).toFixed(2), "min s": Math.min(...s).toFixed(2), "max s": Math.max(...s).toFixed(2), "peak RSS MB": median(r.map((x) => x.peakMB)).toFixed(0) };
    }),
    note: `Spawn to exit of each process, warm (files in the page cache, the index snapshot present), over the database holding ${held.toLocaleString("en-GB")} questions; ${RUNS} runs of each, interleaved. Peak RSS is the process's VmHWM, read every 5 ms while it runs (median of the runs).`,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface BotMemory {
  questions: number;
  /** Spawn to the first /healthz answer, whatever it says. */
  boundSeconds: number;
  readySeconds: number;
  readyMB: number;
  afterMB: number;
  peakMB: number;
}

/**
 * dist/main.js in Slack HTTP mode over `db` against a loopback fake Slack: ready, then SEARCHES
 * signed /wq search requests answered. `env` adds settings (another index snapshot path).
 */
async function slackBot(db: string, fake: FakeSlack, env: Record<string, string> = {}, readyWithinSeconds = 120): Promise<BotMemory> {
  const main = await compiledMain();
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      WQ_DB: db,
      PORT: String(port),
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      WQ_SYNC_INTERVAL: "0",
      WQ_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    let health: { status?: string; questions?: number } = {};
    let boundSeconds = NaN;
    // Polled every 20 ms, so the port's binding is seen within that; readiness the same way.
    for (let tries = 0; health.status !== "ready"; tries++) {
      if (tries * 20 > readyWithinSeconds * 1000) throw new Error(`the bot was not ready within ${readyWithinSeconds} s`);
      await new Promise((r) => setTimeout(r, 20));
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json() as Promise<typeof health>).catch(() => ({}));
      if (Number.isNaN(boundSeconds) && health.status !== undefined) boundSeconds = (performance.now() - t) / 1000;
    }
    const readySeconds = (performance.now() - t) / 1000;
    const readyMB = treeMB(child.pid!, "VmRSS");
    const queries = ["xinjiang", "nurses dept:dhsc", '"forced labour"', "(nurses OR midwives) -agency", "potholes", "status:overdue dept:dhsc"];
    for (let i = 0; i < SEARCHES; i++) {
      const id = `rt-${i}-${Date.now()}`;
      const sent = await sendSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, slashCommandBody(`search ${queries[i % queries.length]}`, fake.responseUrl(id)), { contentType: FORM });
      if (sent.status !== 200) throw new Error(`/wq search was answered ${sent.status}`);
      await fake.waitFor(() => fake.responsesTo(id).length > 0);
    }
    return { questions: health.questions ?? 0, boundSeconds, readySeconds, readyMB, afterMB: treeMB(child.pid!, "VmRSS"), peakMB: treeMB(child.pid!, "VmHWM") };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function botSection(db: string): Promise<BenchSection> {
  const fake = await FakeSlack.start();
  // The reference: the same bot over a database holding only the seed page (the seeded core).
  const seeded = mkdtempSync(join(tmpdir(), "wq-bench-seeded-"));
  try {
    const corpus = await slackBot(db, fake);
    const seeds = await slackBot(join(seeded, "wq.db"), fake);
    // At full history with no snapshot: the snapshot is sent to a new path, so the bot builds the index as it starts;
    // no seed pages, so the shared scale database is left as it was.
    const noSeeds = mkdtempSync(join(seeded, "seeds-"));
    const scale = existsSync(SCALE_DB) ? await slackBot(SCALE_DB, fake, { WQ_INDEX_CACHE: join(seeded, "scale.index"), WQ_SEEDS: noSeeds }, 600) : null;
    const row = (what: string, m: BotMemory): Record<string, string | number> => ({
      bot: what,
      questions: m.questions.toLocaleString("en-GB"),
      "port bound s": m.boundSeconds.toFixed(2),
      "ready s": m.readySeconds.toFixed(1),
      "RSS ready MB": m.readyMB.toFixed(0),
      [`RSS after ${SEARCHES} searches MB`]: m.afterMB.toFixed(0),
      "peak RSS MB": m.peakMB.toFixed(0),
    });
    return {
      title: "The bot in Slack HTTP mode: memory of its process tree",
      columns: ["bot", "questions", "port bound s", "ready s", "RSS ready MB", `RSS after ${SEARCHES} searches MB`, "peak RSS MB"],
      rows: [
        row("whole corpus, index from its snapshot", corpus),
        row("reference: the seed page alone", seeds),
        ...(scale ? [row("full history, no snapshot: the index built as it starts", scale)] : []),
      ],
      note: `dist/main.js (what the Procfile's web line runs) with a bot token, signing secret and PORT, its Slack API a loopback fake and scheduled sync off; the port is bound at the first /healthz answer (polled every 20 ms), ready when /healthz says so.${scale ? "" : ` Full-history row missing: no scale database at ${SCALE_DB} (set WQ_BENCH_SCALE_DB).`} Then ${SEARCHES} signed /wq search requests (6 queries in turn, each answered before the next). Memory is summed over the process and every process under it (the search and chart workers are threads of the one process): VmRSS at each point, VmHWM for the peak.`,
    };
  } finally {
    await fake.close();
    rmSync(seeded, { recursive: true, force: true });
  }
}

export async function benchRuntime(): Promise<BenchSection[]> {
  const db = await corpusDatabase();
  return [await oneOffSection(db), await botSection(db)];
}
