/**
 * One `wq <name>` subcommand of the command line, and what every one of them is given. src/cli.ts
 * holds the table; each subcommand lives in its own file here.
 */
import type { ParseArgsConfig } from "node:util";

export type CliOptions = NonNullable<ParseArgsConfig["options"]>;
import type { SourcesConfig } from "../../sources/config.ts";
import type { StoreConfig } from "../../store/config.ts";
import type { Store } from "../../store/store.ts";
import type { ProgressStream } from "../../sources/sync-command.ts";

/** A mistake in what was typed: exit 2 with the message. */
export class UsageError extends Error {}

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

/** The option values parseArgs gives: strings and booleans. */
export type CliValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** Where the search index's snapshot is kept (null: none) and the threads a build may use (WQ_INDEX_THREADS; null: as the cores allow). */
export interface CliIndexing {
  cachePath: string | null;
  threads: number | null;
}

export interface CliRun {
  /** The words after the subcommand's name. */
  args: string[];
  values: CliValues;
  /** The whole argument list, for a subcommand that parses its own (sync). */
  argv: string[];
  /** `out` and `err` pass only terminal-safe text; `styled` is for text already made safe (rendered replies, JSON). */
  io: CliIO & { styled: (text: string) => void; raw: Pick<CliIO, "out" | "err"> };
  /** The SQLite file (unless DATABASE_URL names PostgreSQL), from --db and the environment. */
  db: string;
  /** The search index's snapshot and build threads, from --db and the environment. */
  indexing: CliIndexing;
  /** The settings the subcommands use, parsed once by src/cli.ts (the store's with --db applied). */
  settings: { store: StoreConfig; sources: SourcesConfig };
  /** Runs `fn` over the store, closing it after. */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}

export interface CliCommand {
  /** Its lines in the usage text. */
  usage: string;
  /** Options of its own (the shared ones, --json --limit --offset --db, are always there). */
  options?: CliOptions;
  /** Returns the exit code: 0 done, 1 failure (throw for a usage mistake). */
  run(run: CliRun): Promise<number>;
}

/** A whole number option within [0, max], or the fallback when absent. */
export function countOption(value: CliValues[string], name: string, fallback: number, max = 10_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} takes a whole number from 0 to ${max}`);
  return Number(value);
}
