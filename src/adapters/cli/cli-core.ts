/**
 * The core as the command line uses it: the table's commands over the store, the search index
 * opened only when a command first searches (`wq show` needs none, and building one takes
 * seconds), and the core's failures brought back as errors so the exit code can tell a failure
 * (1) from a refused query (2).
 */
import { commandCore, openIndex, storeTexts, type Core, type SearchDeps, type SearchEngine } from "../../core/index.ts";
import type { Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { UsageError, type CliIndexing } from "./cli-command.ts";

/** A search engine that opens the real one on first use. */
function lazyIndex(open: () => Promise<SearchEngine>): SearchEngine {
  let opened: Promise<SearchEngine> | null = null;
  const engine = (): Promise<SearchEngine> => (opened ??= open());
  return {
    search: async (query, offset, limit) => (await engine()).search(query, offset, limit),
    trend: async (query, spec) => (await engine()).trend(query, spec),
    upsert: async (questions) => (await engine()).upsert(questions),
    overdue: async (asOf, departments) => (await engine()).overdue(asOf, departments),
    get size() {
      return 0;
    },
  };
}

export interface CliCore {
  core: Core;
  /** The store and the same lazily opened index, for output that is data rather than a reply (search --json, --batch). */
  searching: SearchDeps;
  /**
   * The reply, or a thrown error: the core's own failure as it was, an error reply (a bad query, a
   * search over its time budget) as a UsageError.
   */
  answer(reply: Reply): Reply;
}

/** The index over the store as `indexing` says: from its snapshot, else built (and saved). */
export async function openCliIndex(store: Store, indexing: CliIndexing): Promise<SearchEngine> {
  return (await openIndex(store, storeTexts(store), indexing.cachePath, undefined, undefined, indexing.threads)).index;
}

export function cliCore(store: Store, indexing: CliIndexing): CliCore {
  let failure: unknown = undefined;
  const searching: SearchDeps = { store, index: lazyIndex(() => openCliIndex(store, indexing)) };
  const core = commandCore({ ...searching, onError: (error) => (failure = error ?? new Error("unknown failure")) });
  return {
    core,
    searching,
    answer(reply) {
      if (reply.kind !== "error") return reply;
      const f = failure;
      failure = undefined;
      if (f !== undefined) throw f;
      throw new UsageError(reply.text);
    },
  };
}
