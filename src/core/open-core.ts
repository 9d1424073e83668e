import type { Store } from "../store/store.ts";
import type { Core } from "./core.ts";
import { questionCard } from "./commands/cards.ts";
import { todayOf } from "./lateness/today.ts";
import type { CommandDeps } from "./commands/command.ts";
import { dispatcher } from "./commands/dispatch.ts";
import type { CommandRequest } from "../model/request.ts";
import { resolveRef } from "./commands/show.ts";
import { COMMANDS } from "./commands/table.ts";
import type { AlertStore } from "../model/alerts.ts";
import { openIndex } from "./search/index-cache.ts";
import type { IndexEngine, SearchEngine } from "./search/engine.ts";
import { LocalEngine } from "./search/local-engine.ts";
import type { TextSource } from "./search/search-index.ts";
import { storeTexts } from "./search/store-texts.ts";
import { WorkerEngine } from "./search/worker-engine.ts";
import { inMemoryStore, sqliteFileOf } from "../store/sqlite-file.ts";
import type { Logger } from "../logger.ts";

export interface OpenCoreOptions {
  store: Store;
  /** Where subscriptions are kept; without it the subscription commands say they are not set up. */
  alertStore?: AlertStore;
  now?: () => Date;
  /** New subscription ids (tests pin them); default 4 random hex digits. */
  newSubscriptionId?: () => string;
  /** Called with an unexpected error before the user is told something went wrong. */
  onError?: (error: unknown, request: CommandRequest) => void;
  /** The search index snapshot file (see config's indexCachePath); none by default. */
  indexCache?: string | null;
  /** Encoder threads for an index build (config's indexThreads); as the machine's cores allow by default. */
  indexThreads?: number | null;
  logger?: Logger;
  /**
   * Whether the index runs in a worker thread, so that no search holds the event loop. Default:
   * yes, except over an in-memory SQLite store, which no other thread can read (tests).
   */
  searchWorker?: boolean;
  /** Where phrase checks read full texts; default the store (a SQLite file is read by the worker itself). */
  texts?: TextSource;
  /** The engine to hold the index, made by the caller (tests, benchmarks); overrides searchWorker. */
  engine?: IndexEngine;
  /** Called once if the search worker stops by itself: searches cannot work again in this process. */
  onIndexLost?: (error: Error) => void;
}

export interface OpenedCore {
  core: Core;
  /** The store revision the index is current to: where an IndexRefresh starts. */
  indexRevision: number;
  index: SearchEngine;
  /** Stops the search worker, if any; the store stays open. */
  close(): Promise<void>;
}

/** Every stored question in a fresh index, no snapshot involved (tests and benchmarks). */
export async function buildIndex(store: Store): Promise<SearchEngine> {
  return (await openIndex(store, storeTexts(store), null)).index;
}

/**
 * The engine the index lives in: a worker thread reading texts from the SQLite file on its own
 * connection, or (PostgreSQL, given texts) asking this thread for them; in this thread when asked.
 */
export function searchEngineFor(options: { store: Store; worker: boolean; texts?: TextSource; logger?: Logger; onLost?: (error: Error) => void }): IndexEngine {
  const texts = options.texts ?? storeTexts(options.store);
  if (!options.worker) return new LocalEngine(texts);
  const textsFile = options.texts ? null : sqliteFileOf(options.store);
  return new WorkerEngine({ textsFile, texts, logger: options.logger, onLost: options.onLost });
}

export interface CommandCoreOptions extends Pick<OpenCoreOptions, "store" | "alertStore" | "now" | "newSubscriptionId" | "onError"> {
  /** The search index, however it was opened (the command line opens it only when a command searches). */
  index: SearchEngine;
}

/** The commands of the table over a store and an index already open. */
export function commandCore(options: CommandCoreOptions): Core {
  const { store } = options;
  const deps: CommandDeps = {
    store,
    index: options.index,
    now: options.now ?? (() => new Date()),
    commands: COMMANDS,
    ...(options.alertStore ? { alertStore: options.alertStore } : {}),
    ...(options.newSubscriptionId ? { newSubscriptionId: options.newSubscriptionId } : {}),
  };
  const { run, execute } = dispatcher(deps, options.onError);
  return {
    run,
    execute,
    resolve: (ref) => resolveRef(store, ref),
    card: (question, opts) => questionCard(question, { full: opts?.full ?? false }, todayOf(deps)),
  };
}

/** The core over a store: its index built, its commands ready for any adapter. */
export async function openCore(options: OpenCoreOptions): Promise<OpenedCore> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const texts = options.texts ?? storeTexts(store);
  const engine = options.engine ?? searchEngineFor({ store, worker: options.searchWorker ?? !inMemoryStore(store), texts: options.texts, logger: options.logger, onLost: options.onIndexLost });
  let opened;
  try {
    opened = await openIndex(store, texts, options.indexCache ?? null, options.logger, engine, options.indexThreads ?? null);
  } catch (e) {
    await engine.close();
    throw e;
  }
  const index = opened.index;
  const core = commandCore({ ...options, index, now });
  return { core, index, indexRevision: opened.revision, close: () => engine.close() };
}
