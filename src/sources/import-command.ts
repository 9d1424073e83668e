/**
 * `wq import`'s work around importPaths: a progress bar on a terminal (plain lines otherwise), and
 * the search index snapshot refreshed before it exits, so the next search or start does not
 * rebuild the index in silence.
 */
import cliProgress from "cli-progress";
import { importPaths, type ImportProgress, type ImportSummary } from "./readers/import.ts";
import type { Store } from "../store/store.ts";
import type { ProgressStream } from "./sync-command.ts";

export interface ImportCommandDeps {
  store: Store;
  /**
   * Refreshes the search index snapshot and says how many questions it holds; null for none
   * (WQ_INDEX_CACHE=off, or --no-index). Handed in by the command line: the index is the core's,
   * and sources sit below it.
   */
  refreshIndex: (() => Promise<number>) | null;
  err: (text: string) => void;
  /** Where the bar goes when it is a terminal; otherwise plain lines go to `err`. */
  progress: ProgressStream | null;
  maxFileBytes?: number;
  /** For plain lines: the clock, and how often (ms) a line is written at most. */
  now?: () => number;
  plainEveryMs?: number;
}

const n = (x: number): string => Math.round(x).toLocaleString("en-GB");
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** One line saying where an import is: for logs, where a bar would be noise. */
export function progressLine(p: ImportProgress, elapsedMs: number): string {
  const share = p.bytesTotal ? Math.min(100, (100 * p.bytesDone) / p.bytesTotal) : 100;
  return `import: ${share.toFixed(0)}% (${p.filesDone}/${p.files} files, ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB read), ${n(p.questionsRead)} questions, ${(elapsedMs / 1000).toFixed(0)} s`;
}

interface Reporter {
  update(p: ImportProgress): void;
  stop(): void;
}

function bar(stream: ProgressStream): Reporter {
  const b = new cliProgress.SingleBar(
    {
      stream,
      format: "import {bar} {percentage}% | {files} files | {questions} questions | ETA {eta_formatted}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let begun = false;
  return {
    update(p) {
      const payload = { files: `${p.filesDone}/${p.files}`, questions: n(p.questionsRead) };
      // Bytes read from disk: the one measure known for every file before it is opened.
      if (!begun) {
        b.start(Math.max(1, p.bytesTotal), p.bytesDone, payload);
        begun = true;
      } else b.update(p.bytesDone, payload);
    },
    stop() {
      if (begun) b.stop();
    },
  };
}

function plain(err: (text: string) => void, now: () => number, everyMs: number): Reporter {
  const started = now();
  let last = started;
  let latest: ImportProgress | null = null;
  return {
    update(p) {
      latest = p;
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      err(progressLine(p, t - started));
    },
    stop() {
      if (latest) err(progressLine(latest, now() - started));
    },
  };
}

export async function importCommand(paths: readonly string[], deps: ImportCommandDeps): Promise<ImportSummary> {
  const now = deps.now ?? Date.now;
  const reporter = deps.progress?.isTTY ? bar(deps.progress) : plain(deps.err, now, deps.plainEveryMs ?? 10_000);
  let summary: ImportSummary;
  try {
    summary = await importPaths(paths, deps.store, { maxFileBytes: deps.maxFileBytes, onProgress: (p) => reporter.update(p) });
  } finally {
    reporter.stop();
  }
  const changed = summary.changedIds.length;
  // The ids are not needed past here; at 800,000 questions they are worth freeing before the index.
  summary.changedIds = [];
  if (deps.refreshIndex && changed) {
    deps.err("Refreshing the search index snapshot...");
    const started = now();
    const size = await deps.refreshIndex();
    deps.err(`Search index ready: ${n(size)} questions (${((now() - started) / 1000).toFixed(1)} s).`);
  }
  return summary;
}
