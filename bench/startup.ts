/**
 * Start to first search with the whole corpus held: `npm start`'s entry point is spawned in
 * console mode over the corpus database, a search is typed at once, and the clock stops when its
 * results are printed. A web host allows 60 s to bind the port.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { corpusDatabase } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function once(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
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
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once(db));
  return {
    title: "Start to first search (whole corpus held)",
    columns: ["runs", "median s", "min s", "max s"],
    rows: [{ runs, "median s": median(times).toFixed(1), "min s": Math.min(...times).toFixed(1), "max s": Math.max(...times).toFixed(1) }],
    note: "From spawning src/main.ts (what npm start runs) over a database holding 58,174 questions to the first search's results on its console.",
  };
}
