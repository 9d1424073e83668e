/**
 * Start to first search with the whole corpus held: `npm start`'s entry point (dist/main.js) is spawned in
 * console mode over the corpus database, a search is typed at once, and the clock stops when its
 * results are printed. Cold: no index snapshot yet, so the index is built (and saved); warm: from
 * the snapshot. A web host allows 60 s to bind the port.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { compiledMain } from "./compiled.ts";
import { corpusDatabase } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function once(main: string, db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], HOME: process.env["HOME"], WQ_DB: db, WQ_SEEDS: "./seeds" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("no search result within 120 s"));
    }, 120_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/results? for xinjiang/.test(out)) {
        const elapsed = (performance.now() - t) / 1000;
        clearTimeout(timer);
        child.stdin.end("quit\n");
        child.once("exit", () => resolve(elapsed));
      }
    });
    child.once("error", reject);
    child.stdin.write("/wq search xinjiang\n");
  });
}

export async function benchStartup(runs = 3): Promise<BenchSection> {
  const db = await corpusDatabase();
  const main = await compiledMain();
  const store = new SqliteStore(db);
  const held = await store.countQuestions();
  await store.close();
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(`${db}.index`, { force: true });
    cold.push(await once(main, db));
    warm.push(await once(main, db));
  }
  const row = (start: string, times: number[]): Record<string, string | number> => ({
    start,
    runs: times.length,
    "median s": median(times).toFixed(1),
    "min s": Math.min(...times).toFixed(1),
    "max s": Math.max(...times).toFixed(1),
  });
  return {
    title: "Start to first search (whole corpus held)",
    columns: ["start", "runs", "median s", "min s", "max s"],
    rows: [row("cold: index built from the store, then saved", cold), row("warm: index loaded from its snapshot", warm)],
    note: `From spawning dist/main.js (what npm start and the Procfile run) over a database holding ${held.toLocaleString("en-GB")} questions to the first search's results on its console.`,
  };
}
