import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { Store } from "../../store/store.ts";
import type { Logger } from "../../logger.ts";
import type { IndexEngine } from "./engine.ts";
import { encoderThreads } from "./encoder-pool.ts";
import { feedIndex, type FeedOptions } from "./index-feed.ts";
import { LocalEngine } from "./local-engine.ts";
import type { TextSource } from "./search-index.ts";
import { ENCODER_VERSION } from "./text.ts";

/**
 * Bump when what is indexed or how it is encoded changes: a snapshot of another format is rebuilt.
 * flexsearch's version is part of it too, since its export format may change between releases.
 * 2: the streamed line format of snapshot-file.ts.
 * 3: one flexsearch index with field slots, its tokens in base64 lines (postings-codec.ts).
 * 4: questions' filter fields hold dateForAnswer (trends count answers on time).
 * 5: and the named-day flag (named:; due: and status:overdue use dateForAnswer).
 * 6: binary frames after a header line, read straight into Buffers (snapshot-file.ts).
 */
const INDEX_FORMAT = 6;
// flexsearch's exports leave out its package.json: read it beside the resolved entry point.
const FLEXSEARCH_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve("flexsearch")), "..", "package.json"), "utf8"))).version;
export const SNAPSHOT_FORMAT = `wq-index-${INDEX_FORMAT}/encoder-${ENCODER_VERSION}/flexsearch-${FLEXSEARCH_VERSION}`;

/** Past this many questions caught up at start, a fresh snapshot is written. */
const RESAVE_AFTER = 1000;

export interface OpenedIndex {
  index: IndexEngine;
  /** Whether the index came from a snapshot or was built from every stored question. */
  from: "snapshot" | "store";
  /** Questions read from the store: all of them when built, those changed since the snapshot otherwise. */
  read: number;
  /** The store revision the index holds everything up to (it may hold later writes too). */
  revision: number;
}

/** The store's identity, so a snapshot is never laid over another database. */
async function storeId(store: Store): Promise<string> {
  const held = await store.getMeta("store.id");
  if (held) return held;
  const id = randomUUID();
  await store.setMeta("store.id", id);
  return id;
}

async function writeSnapshot(path: string, index: IndexEngine, id: string, revision: number, logger?: Logger): Promise<void> {
  try {
    await index.save(path, { format: SNAPSHOT_FORMAT, storeId: id, revision });
  } catch (e) {
    logger?.warn(`index snapshot not saved to ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The search index over a store: from the snapshot at `cachePath` brought up to date with what
 * changed since, else built from every stored question (and saved for next time). Building takes
 * seconds per ten thousand questions; a snapshot loads in a fraction of that. The index lives in
 * `engine` (this thread by default; a WorkerEngine keeps it off the event loop), which loads
 * the snapshot itself, so the file never crosses between threads.
 */
export async function openIndex(
  store: Store,
  texts: TextSource,
  cachePath: string | null,
  logger?: Logger,
  engine: IndexEngine = new LocalEngine(texts),
  /** Encoder threads for a build (WQ_INDEX_THREADS); null: as the machine's cores allow. */
  threads: number | null = null,
): Promise<OpenedIndex> {
  const feed = { logger, threads: encoderThreads(threads) };
  if (cachePath) {
    const id = await storeId(store);
    const current = await store.revision();
    const loaded = await engine.load(cachePath, { format: SNAPSHOT_FORMAT, storeId: id, maxRevision: current });
    if (loaded.kind === "loaded") {
      // Usually a few questions; an import onto a held snapshot may bring hundreds of thousands.
      const read = await feedIndex(engine, store.changedSince(loaded.revision, BUILD_BATCH), feed);
      if (read > RESAVE_AFTER) await writeSnapshot(cachePath, engine, id, current, logger);
      return { index: engine, from: "snapshot", read, revision: current };
    }
    if (loaded.kind === "refused") logger?.warn(`index snapshot ${cachePath} not used (${loaded.reason}); rebuilding`);
    const built = await buildFromStore(store, engine, current, feed);
    await writeSnapshot(cachePath, engine, id, current, logger);
    return built;
  }
  return buildFromStore(store, engine, await store.revision(), feed);
}

/**
 * Questions read from the store at a time while building. A batch's records stay alive while it
 * is indexed: 2,000 at a time lived long enough to be moved to V8's old space and left there as
 * garbage, and the build at 815,000 questions peaked at 1,040 MB; 200 at a time, 948 MB, and faster.
 */
const BUILD_BATCH = 200;

/** Writes made while building are caught up from `revision` later: upserts are idempotent. */
async function buildFromStore(store: Store, engine: IndexEngine, revision: number, feed: FeedOptions): Promise<OpenedIndex> {
  // Batches of BUILD_BATCH, a few read ahead while encoder threads work on them (index-feed.ts): memory stays bounded.
  const read = await feedIndex(engine, store.allQuestions(BUILD_BATCH), feed);
  return { index: engine, from: "store", read, revision };
}
