/** `npm start`'s entry point from the TypeScript sources, as its own process, for tests of the whole start. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface MainRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs src/main.ts with only PATH, HOME and these variables, `input` on its stdin; resolves when it exits. */
export function runMain(env: Record<string, string>, input = ""): Promise<MainRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}
