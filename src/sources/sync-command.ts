/**
 * `wq sync [--since DATE] [--until DATE] [--json]`: one sync from the command line. A progress bar
 * on stderr when it is a terminal (pages, questions, details, rate, ETA), then a one-line summary,
 * or the summary as JSON with --json. Exit codes: 0 done, 2 bad arguments, 1 failure.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import type { Question } from "../model/question.ts";
import type { StoreConfig } from "../store/config.ts";
import { openStores } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import type { SyncLogger } from "./api-client.ts";
import type { SyncSettings } from "./config.ts";
import { runSync, summaryLine, SyncError, type SyncProgress, type SyncSummary } from "./sync.ts";

export const SYNC_USAGE = `Usage: wq sync [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]
  Brings the store up to date from the Written Questions API (WQ_API_URL).
  The first run starts at the newest answer an import brought, else backfills
  WQ_SYNC_BACKFILL_DAYS (30) days; later runs continue from where the last one finished.
  --since/--until sync a window of days (tabled, answered or corrected in it); the same command
  run again after a kill resumes after the last finished week. The full history:
  wq sync --since 2014-11-01 (about a day at the polite rate; docs/sync.md).
  --json prints the summary as JSON.`;

/** A stream the progress bar can draw on. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface SyncCommandDeps {
  /** The API and its pace (src/sources/config.ts, parsed once by the caller). */
  sync: SyncSettings;
  /** The store to sync into; otherwise the store of `storeConfig` is opened and closed again. */
  store?: Store;
  storeConfig?: StoreConfig;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether the terminal is interactive; the bar is drawn only when `progress` is a TTY too. */
  isTTY?: boolean;
  /** Where the bar goes; default process.stderr. null for none. */
  progress?: ProgressStream | null;
  fetch?: typeof fetch;
  now?: () => Date;
  signal?: AbortSignal;
  onChanged?: (questions: Question[]) => void | Promise<void>;
  /** For plain progress lines (no terminal): the clock in ms, and the most often a line is written. */
  clock?: () => number;
  plainEveryMs?: number;
}

const n = (x: number): string => Math.round(x).toLocaleString("en-GB");

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export interface ProgressView {
  done: number;
  total: number;
  step: string;
  pages: string;
  items: string;
  details: string;
  rate: string;
  eta: string;
}

/**
 * What the bar shows. Work is requests (list pages and details); windows not yet listed are
 * estimated from the ones done, so the ETA covers the whole run.
 */
export function progressView(p: SyncProgress, elapsedMs: number): ProgressView {
  const done = p.pagesDone + p.detailsDone;
  const known = p.pagesKnown + p.detailsKnown;
  const finished = p.phase === "done" ? p.window.count : Math.max(0, p.window.index - 1);
  const perWindow = finished > 0 ? known / Math.max(1, p.window.index) : 0;
  const total = Math.max(known + perWindow * (p.window.count - p.window.index), done, 1);
  const seconds = elapsedMs / 1000;
  const itemsRate = seconds > 0 ? p.itemsListed / seconds : 0;
  const workRate = seconds > 0 ? done / seconds : 0;
  const eta = p.phase === "done" ? "0:00" : workRate > 0 && done > 0 ? duration(((total - done) / workRate) * 1000) : "--:--";
  return {
    done,
    total: Math.round(total),
    step: `${p.window.from}..${p.window.to} (${p.window.index}/${p.window.count})`,
    pages: `${n(p.pagesDone)}/${n(p.pagesKnown)}`,
    items: n(p.itemsListed),
    details: `${n(p.detailsDone)}/${n(p.detailsKnown)}`,
    rate: `${itemsRate.toFixed(0)} q/s`,
    eta,
  };
}

function progressBar(stream: ProgressStream): { update(p: SyncProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "sync {bar} {step} | pages {pages} | questions {items} | details {details} | {rate} | ETA {etaText}",
      barsize: 20,
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let begun = false;
  return {
    update(p) {
      const view = progressView(p, Date.now() - started);
      const payload = { ...view, etaText: view.eta };
      if (!begun) {
        bar.start(view.total, view.done, payload);
        begun = true;
      } else {
        bar.setTotal(view.total);
        bar.update(view.done, payload);
      }
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}

/**
 * Progress as a line every so often, for logs and pipes where a bar would be noise: a backfill of
 * years runs for hours, and its log should still say where it is and when it will end.
 */
function progressLines(err: (text: string) => void, clock: () => number, everyMs: number): { update(p: SyncProgress): void } {
  const started = clock();
  let last = started;
  return {
    update(p) {
      const t = clock();
      if (t - last < everyMs || p.phase === "done") return;
      last = t;
      const v = progressView(p, t - started);
      err(`sync: ${v.step}, ${v.items} questions listed, details ${v.details}, ${v.rate}, ETA ${v.eta}`);
    },
  };
}

/** Runs `wq sync` with the arguments after "sync" (or the whole command line); returns the exit code. */
export async function syncCommand(argv: readonly string[], deps: SyncCommandDeps): Promise<number> {
  let values: { since?: string; until?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        since: { type: "string" },
        until: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        // Read by the main command line; accepted here so it may stand anywhere.
        db: { type: "string" },
      },
    }));
  } catch (e) {
    deps.err(`${e instanceof Error ? e.message : String(e)}\n${SYNC_USAGE}`);
    return 2;
  }
  // The whole command line may be passed: "sync" itself is not an extra argument.
  const extra = positionals.filter((p, i) => !(p === "sync" && positionals.indexOf("sync") === i));
  if (extra.length) {
    deps.err(`wq sync takes no argument "${extra[0]}"\n${SYNC_USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.out(SYNC_USAGE);
    return 0;
  }

  const stream = deps.progress === undefined ? process.stderr : deps.progress;
  const bar = deps.isTTY !== false && stream?.isTTY && !values.json ? progressBar(stream) : null;
  const lines = bar || values.json ? null : progressLines(deps.err, deps.clock ?? Date.now, deps.plainEveryMs ?? 30_000);
  const logger: SyncLogger = {
    info() {},
    warn: (m) => {
      // Above the bar, not through it.
      if (bar) stream?.write("\r\x1b[2K");
      deps.err(m);
    },
    error: (m) => deps.err(m),
  };

  const own = !deps.store && deps.storeConfig ? await openStores(deps.storeConfig) : null;
  const store = deps.store ?? own?.store;
  if (!store) throw new Error("syncCommand needs a store or the settings of one");
  let summary: SyncSummary;
  try {
    summary = await runSync({
      store,
      ...deps.sync,
      since: values.since,
      until: values.until,
      fetch: deps.fetch,
      now: deps.now,
      signal: deps.signal,
      logger,
      onChanged: deps.onChanged,
      onProgress: bar ? (p) => bar.update(p) : lines ? (p) => lines.update(p) : undefined,
    });
  } catch (e) {
    bar?.stop();
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof SyncError && e.kind === "arguments") {
      deps.err(`${message}\n${SYNC_USAGE}`);
      return 2;
    }
    if (values.json) deps.out(JSON.stringify({ ok: false, error: message }));
    deps.err(`wq sync failed: ${message}`);
    return 1;
  } finally {
    await own?.close();
  }
  bar?.stop();
  if (values.json) {
    const { changedIds, ...rest } = summary;
    deps.out(JSON.stringify({ ok: true, ...rest, changed: changedIds.length }));
  } else {
    deps.out(summaryLine(summary));
  }
  return 0;
}
