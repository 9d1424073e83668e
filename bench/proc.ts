/** What Linux's /proc says of a live process's memory, for the benchmarks that spawn one. */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

/** Kilobytes of a /proc status field of a live process; NaN when it cannot be read (gone, or not Linux). */
export function statusKB(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** A process and every process below it (threads are in their process's figures already). */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent is the field after the state, which follows the ")" closing the name.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone since the listing.
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, parent] of parents) if (parent === out[i]) out.push(pid);
  return out;
}

/** Megabytes of a field summed over a process and every process below it (one that has gone counts nothing). */
export const treeMB = (root: number, field: "VmRSS" | "VmHWM"): number => tree(root).reduce((sum, pid) => sum + (statusKB(pid, field) || 0), 0) / 1024;

/** A finished process: how long it ran, its peak memory as last seen, and what it printed. */
export interface Measured {
  code: number | null;
  seconds: number;
  peakMB: number;
  stdout: string;
}

/**
 * Runs `node args` from `cwd` with only PATH, HOME and `env`, polling its VmHWM every `pollMs`
 * (it goes with the process) until it exits; stderr lines go to `onStderrLine`, else inherited.
 */
export function runMeasured(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; pollMs: number; onStderrLine?: (line: string) => void }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...options.env },
      stdio: ["ignore", "pipe", options.onStderrLine ? "pipe" : "inherit"],
    });
    let peakKB = 0;
    const poll = setInterval(() => (peakKB = Math.max(peakKB, statusKB(child.pid ?? -1, "VmHWM") || 0)), options.pollMs);
    let stdout = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    const onLine = options.onStderrLine;
    if (onLine && child.stderr) createInterface({ input: child.stderr }).on("line", onLine);
    child.once("error", (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.once("exit", (code) => {
      clearInterval(poll);
      resolve({ code, seconds: (performance.now() - t) / 1000, peakMB: peakKB / 1024, stdout });
    });
  });
}
