/**
 * The program as a deployment runs it: dist/ as `npm run build` makes it, so that start-up figures
 * do not include tsx compiling TypeScript.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Builds dist/ when src/ is newer (the project's own build script), once per bench run. */
let built: Promise<void> | null = null;
export function ensureBuilt(): Promise<void> {
  built ??= promisify(execFile)(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--if-stale"]).then(() => undefined);
  return built;
}

/** The wq command line over dist/: bin/wq, what `npx wq` runs. */
export async function compiledCli(): Promise<string> {
  await ensureBuilt();
  return join(ROOT, "bin", "wq.mjs");
}

/** What `npm start` and the Procfile run. */
export async function compiledMain(): Promise<string> {
  await ensureBuilt();
  return join(ROOT, "dist", "main.js");
}
