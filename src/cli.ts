/**
 * The wq command line: a small dispatcher over the subcommands in src/adapters/cli/. Adding one is
 * a file there exporting a CliCommand and one line in CLI_COMMANDS.
 */
import { parseArgs } from "node:util";
import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { indexCachePath } from "./core/config.ts";
import { COMMANDS, helpReply, type CommandSyntax } from "./core/index.ts";
import { renderReply, plainStyle, ansiStyle } from "./adapters/shared/terminal-reply.ts";
import { UsageError, type CliCommand, type CliIO, type CliOptions } from "./adapters/cli/cli-command.ts";
import { endQuietlyOnClosedPipe } from "./adapters/cli/closed-pipe.ts";
import { importCli } from "./adapters/cli/import.ts";
import { latestCli } from "./adapters/cli/latest.ts";
import { migrateCli } from "./adapters/cli/migrate.ts";
import { overdueCli } from "./adapters/cli/overdue.ts";
import { searchCli } from "./adapters/cli/search.ts";
import { showCli } from "./adapters/cli/show.ts";
import { syncCli } from "./adapters/cli/sync.ts";
import { trendCli } from "./adapters/cli/trend.ts";
import { terminalSafe } from "./adapters/shared/terminal-text.ts";
import { withSqlitePath } from "./store/config.ts";
import { openStores } from "./store/open-store.ts";

export type { CliIO } from "./adapters/cli/cli-command.ts";

/** The subcommands, in the order the usage text lists them. */
const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = {
  import: importCli,
  search: searchCli,
  show: showCli,
  latest: latestCli,
  overdue: overdueCli,
  trend: trendCli,
  sync: syncCli,
  migrate: migrateCli,
};

/** Options every subcommand takes. */
const SHARED_OPTIONS: CliOptions = {
  json: { type: "boolean" },
  limit: { type: "string" },
  offset: { type: "string" },
  db: { type: "string" },
  help: { type: "boolean", short: "h" },
};

const USAGE = `Usage:
${Object.values(CLI_COMMANDS)
  .map((c) => c.usage)
  .join("\n")}
  wq help                            the query language
Options: --db PATH (default $WQ_DB or ./data/wq.db)`;

/** How the core's commands are typed here, for its help: only those the command line has. */
const cliSyntax: CommandSyntax = (name) => (name in CLI_COMMANDS || name === "help" ? `wq ${name}` : null);

/**
 * The wq process (bin/wq.mjs): the command line over this process's arguments and streams; a
 * closed pipe ends it quietly. Sets the exit code.
 */
export async function runCliProcess(): Promise<void> {
  endQuietlyOnClosedPipe([process.stdout, process.stderr]);
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + "\n"),
    err: (t) => process.stderr.write(t + "\n"),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  });
  // The command is done: exit once its output is out rather than when the last timer of a library
  // goes off (flexsearch's encoder clears its cache 50 ms after a search, which kept every
  // `wq search` alive for that long after its answer).
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((flushed) => stream.write("", () => flushed()))));
  process.exit(code);
}

/** Runs the wq command line; returns the exit code (0 done, 2 bad query or argument, 1 failure). */
export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  // Everything printed passes the console's control-character filter (file names, typed queries
  // and Parliament's text alike); styled replies are filtered piece by piece by renderReply.
  const io = {
    ...rawIo,
    out: (text: string) => rawIo.out(terminalSafe(text)),
    err: (text: string) => rawIo.err(terminalSafe(text)),
    styled: rawIo.out,
    raw: { out: rawIo.out, err: rawIo.err },
  };
  try {
    const options = Object.values(CLI_COMMANDS).reduce<CliOptions>((all, c) => ({ ...all, ...c.options }), { ...SHARED_OPTIONS });
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    // The command line's layers only: a chat platform's mistake does not stop `wq search`.
    const config = loadConfig(io.env, ["store", "core", "sources"]);
    const store = withSqlitePath(config.store, typeof values.db === "string" ? values.db : undefined);
    const db = store.sqlitePath;
    const cachePath = indexCachePath(config.core, store);
    const [name, ...args] = positionals;
    if (!name || values.help || name === "help") {
      io.out(USAGE);
      if (name === "help") io.styled("\n" + renderReply(helpReply(COMMANDS, cliSyntax), io.isTTY ? ansiStyle(100) : plainStyle));
      return 0;
    }
    const command = Object.hasOwn(CLI_COMMANDS, name) ? CLI_COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`Unknown command "${name}".\n${USAGE}`);
    return await command.run({
      args,
      values,
      argv,
      io,
      db,
      indexing: { cachePath, threads: config.core.indexThreads },
      settings: { store, sources: config.sources },
      // PostgreSQL with DATABASE_URL, else the SQLite file at `db`.
      async withStore(fn) {
        const stores = await openStores(store);
        try {
          return await fn(stores.store);
        } finally {
          await stores.close();
        }
      },
    });
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(e.message);
      return 2;
    }
    io.err(`wq failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
