import { parseArgs } from "node:util";
import "dotenv/config";
import { ConfigError, indexCachePath, loadCoreConfig } from "./config.ts";
import { parseOrExplain } from "./core/commands/search.ts";
import { resolveRef, showCommand } from "./core/commands/show.ts";
import { parseRef } from "./core/commands/refs.ts";
import { helpReply } from "./core/commands/help.ts";
import { openIndex } from "./core/search/index-cache.ts";
import { storeTexts } from "./core/search/store-texts.ts";
import { SearchBudgetError } from "./core/search/search-index.ts";
import type { Question } from "./model/question.ts";
import { queryTokens, snippetOf } from "./core/search/snippet.ts";
import { runBatch, summaryOf } from "./cli-batch.ts";
import { latestQuery } from "./core/commands/latest.ts";
import { renderReply, plainStyle, ansiStyle } from "./adapters/console/render.ts";
import { endQuietlyOnClosedPipe } from "./adapters/cli/closed-pipe.ts";
import { terminalJson, terminalSafe } from "./adapters/cli/terminal-text.ts";
import { TREND_USAGE, trendCli } from "./adapters/cli/trend.ts";
import { openStores } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";
import type { ProgressStream } from "./sources/sync-command.ts";

/** A mistake in what was typed: exit 2 with the message. */
class UsageError extends Error {}

const USAGE = `Usage:
  wq import <files or folders...> [--no-index]
                                     load seed pages, API JSON (.json, .jsonl, .gz) and members files,
                                     then refresh the search index snapshot (unless --no-index)
  wq search <query> [--json] [--limit N] [--offset N]
  wq search --batch [--limit N] [--offset N]   one query a line on stdin, one JSON line out each
  wq show <id | yyyy-mm-dd/uin | url> [--json]
  wq latest [n] [--json]
  ${TREND_USAGE}
  wq sync [--since DATE] [--until DATE] [--json]
  wq migrate                          create or update the store's tables, then exit (a deploy's release step)
  wq help                            the query language
Options: --db PATH (default $WQ_DB or ./data/wq.db)`;

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Where `search --batch` reads its queries; process.stdin when absent. */
  stdin?: NodeJS.ReadableStream;
  /** Where progress bars go when it is a terminal (default process.stderr); plain lines otherwise. */
  progress?: ProgressStream | null;
}

function count(value: string | undefined, name: string, fallback: number, max = 10_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} takes a whole number from 0 to ${max}`);
  return Number(value);
}

/** Runs `fn` over the environment's store (PostgreSQL with DATABASE_URL, else the file at `db`). */
async function withStore<T>(env: NodeJS.ProcessEnv, db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const stores = await openStores({ ...env, WQ_DB: db });
  try {
    return await fn(stores.store);
  } finally {
    await stores.close();
  }
}

/**
 * The wq process (bin/wq.mjs): the command line over this process's arguments and streams; a
 * closed pipe ends it quietly. Sets the exit code.
 */
export async function runCliProcess(): Promise<void> {
  endQuietlyOnClosedPipe([process.stdout, process.stderr]);
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + "\n"),
    err: (t) => process.stderr.write(t + "\n"),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  });
}

/** Runs the wq command line; returns the exit code (0 done, 2 bad query or argument, 1 failure). */
export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  // Everything printed passes the console's control-character filter (file names, typed queries
  // and Parliament's text alike); styled replies are filtered piece by piece by renderReply.
  const io: CliIO & { styled: (text: string) => void } = {
    ...rawIo,
    out: (text) => rawIo.out(terminalSafe(text)),
    err: (text) => rawIo.err(terminalSafe(text)),
    styled: rawIo.out,
  };
  try {
    if (argv[0] === "trend") return await trendCli(argv.slice(1), { ...io, out: io.out, err: io.err, styled: io.styled });
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        batch: { type: "boolean" },
        limit: { type: "string" },
        offset: { type: "string" },
        db: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        help: { type: "boolean", short: "h" },
        "no-index": { type: "boolean" },
      },
    });
    const config = loadCoreConfig(io.env);
    const db = values.db ?? config.WQ_DB;
    const cachePath = indexCachePath({ ...config, WQ_DB: db });
    const loadIndex = async (store: Store) => (await openIndex(store, storeTexts(store), cachePath)).index;
    const [command, ...args] = positionals;
    const style = io.isTTY ? ansiStyle(100) : plainStyle;
    if (!command || values.help || command === "help") {
      io.out(USAGE);
      if (command === "help") io.styled("\n" + renderReply(helpReply(), style));
      return 0;
    }
    switch (command) {
      case "import": {
        if (args.length === 0) throw new UsageError("wq import needs files or folders, e.g. wq import ../shared/corpus seeds");
        // Loaded here: the readers (html-to-text, stream-json) would slow every search's start-up.
        const { importCommand, maxFileBytesFromEnv } = await import("./sources/import-command.ts");
        const maxFileBytes = maxFileBytesFromEnv(io.env);
        const summary = await withStore(io.env, db, (store) =>
          importCommand(args, {
            store,
            cachePath: values["no-index"] ? null : cachePath,
            err: io.err,
            progress: io.progress === undefined ? process.stderr : io.progress,
            maxFileBytes,
          }),
        );
        for (const m of summary.messages) io.err(m);
        const line = `Imported ${summary.questionsRead} questions from ${summary.files} files: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.detailsMerged} full texts merged, ${summary.detailsUnmatched} without a question; ${summary.skipped} skipped.`;
        if (values.json) io.styled(terminalJson({ ...summary, changedIds: undefined }));
        else io.out(line);
        return 0;
      }
      case "search": {
        if (values.batch) {
          if (args.length) throw new UsageError("wq search --batch reads its queries from stdin, one a line; give none on the command line");
          const page = { limit: count(values.limit, "limit", 20), offset: count(values.offset, "offset", 0, 10_000_000) };
          return await withStore(io.env, db, async (store) => {
            await runBatch({ store, index: await loadIndex(store) }, io.stdin ?? process.stdin, (line) => io.styled(terminalJson(line)), page);
            return 0;
          });
        }
        const text = args.join(" ");
        if (!text) throw new UsageError('wq search needs a query, e.g. wq search xinjiang or wq search "forced labour" dept:fcdo');
        const parsed = parseOrExplain(text);
        if (!parsed.ok) throw new UsageError(parsed.reply.text);
        const limit = count(values.limit, "limit", 20);
        const offset = count(values.offset, "offset", 0, 10_000_000);
        return await withStore(io.env, db, async (store) => {
          const index = await loadIndex(store);
          const result = await index.search(parsed.query, offset, limit).catch((e: unknown) => {
            // Stopped at its time budget: a refusal of this query, like a bad one.
            if (e instanceof SearchBudgetError) throw new UsageError(e.message);
            throw e;
          });
          const questions = await store.getQuestions(result.hits.map((h) => h.id));
          const tokens = queryTokens(parsed.query);
          if (values.json) {
            const results = questions.map((q) => summaryOf(q, snippetOf(q, tokens).text));
            io.styled(terminalJson(result.estimated ? { total: result.total, estimated: true, results } : { total: result.total, results }));
          } else {
            io.out(`${result.estimated ? "about " : ""}${result.total} result${result.total === 1 ? "" : "s"} for ${text}`);
            questions.forEach((q, i) => {
              io.out(`\n${offset + i + 1}. ${q.heading} (${q.dateTabled}${q.uin ? `/${q.uin}` : ""}, ${q.answeringBody.name})\n   ${snippetOf(q, tokens).text}\n   ${q.url}`);
            });
          }
          return 0;
        });
      }
      case "show": {
        const ref = args.join(" ");
        if (!parseRef(ref)) throw new UsageError(`wq show needs an id, yyyy-mm-dd/uin or official link, e.g. wq show 2024-07-17/67`);
        return await withStore(io.env, db, async (store) => {
          const q = await resolveRef(store, ref);
          if (!q) {
            io.err(`No question ${ref} is held.`);
            return 1;
          }
          if (values.json) io.styled(terminalJson(q));
          // show needs no search index: building one for a single lookup would waste seconds.
          else io.styled(renderReply(await showCommand(store, q.id, true), style));
          return 0;
        });
      }
      case "latest": {
        const n = count(args[0], "n", 5, 100);
        if (n < 1) throw new UsageError("wq latest takes a number from 1 to 100");
        return await withStore(io.env, db, async (store) => {
          const index = await loadIndex(store);
          const result = await index.search(latestQuery(), 0, n);
          const questions = await store.getQuestions(result.hits.map((h) => h.id));
          if (values.json) io.styled(terminalJson({ total: result.total, results: questions.map((q) => summaryOf(q, snippetOf(q, new Set()).text)) }));
          else questions.forEach((q, i) => io.out(`${i + 1}. ${q.dateAnswered} ${q.heading} (${q.answeringBody.name})\n   ${q.url}`));
          return 0;
        });
      }
      case "migrate": {
        // Opening the store creates or migrates its schema; that is all a release step needs.
        const stores = await openStores({ ...io.env, WQ_DB: db });
        const [kind, questions] = [stores.kind, await stores.store.countQuestions()];
        await stores.close();
        io.out(`${kind === "postgres" ? "PostgreSQL" : `SQLite (${db})`}: schema up to date, ${questions} questions held.`);
        return 0;
      }
      case "sync": {
        const { syncCommand } = await import("./sources/sync-command.ts");
        // Its progress bar draws with control characters of its own; its lines are wq's, not Parliament's.
        return await syncCommand(argv.slice(1), { env: io.env, db, out: rawIo.out, err: rawIo.err, isTTY: io.isTTY });
      }
      default:
        throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(e.message);
      return 2;
    }
    io.err(`wq failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
