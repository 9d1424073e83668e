/** What Linux's /proc says of a live process's memory, for the benchmarks that spawn one. */
import { readdirSync, readFileSync } from "node:fs";

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
