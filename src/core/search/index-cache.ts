import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { Store } from "../../store/store.ts";
import type { Logger } from "../../logger.ts";
import { DocMetaSchema } from "./documents.ts";
import { SearchIndex, type TextSource } from "./search-index.ts";
import { ENCODER_VERSION } from "./text.ts";

/**
 * Bump when what is indexed or how it is encoded changes: a snapshot of another format is rebuilt.
 * flexsearch's version is part of it too, since its export format may change between releases.
 */
const INDEX_FORMAT = 1;
// flexsearch's exports leave out its package.json: read it beside the resolved entry point.
const FLEXSEARCH_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve("flexsearch")), "..", "package.json"), "utf8"))).version;
const FORMAT = `wq-index-${INDEX_FORMAT}/encoder-${ENCODER_VERSION}/flexsearch-${FLEXSEARCH_VERSION}`;

/** Past this many questions caught up at start, a fresh snapshot is written. */
const RESAVE_AFTER = 1000;

const SnapshotFileSchema = z.object({
  format: z.literal(FORMAT),
  storeId: z.string(),
  revision: z.number().int(),
  docs: z.array(DocMetaSchema),
  parts: z.array(z.tuple([z.string(), z.string()])),
});

export interface OpenedIndex {
  index: SearchIndex;
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

async function readSnapshot(path: string, id: string, logger?: Logger): Promise<z.infer<typeof SnapshotFileSchema> | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    const snapshot = SnapshotFileSchema.parse(JSON.parse(text));
    if (snapshot.storeId !== id) throw new Error("it belongs to another database");
    return snapshot;
  } catch (e) {
    logger?.warn(`index snapshot ${path} not used (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); rebuilding`);
    return null;
  }
}

async function writeSnapshot(path: string, index: SearchIndex, id: string, revision: number, logger?: Logger): Promise<void> {
  try {
    const body = JSON.stringify({ format: FORMAT, storeId: id, revision, ...(await index.snapshot()) });
    // Written aside and renamed, so a crash never leaves half a snapshot under the real name.
    const aside = `${path}.${process.pid}.tmp`;
    await writeFile(aside, body);
    await rename(aside, path);
  } catch (e) {
    logger?.warn(`index snapshot not saved to ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The search index over a store: from the snapshot at `cachePath` brought up to date with what
 * changed since, else built from every stored question (and saved for next time). Building takes
 * seconds per ten thousand questions; a snapshot loads in a fraction of that.
 */
export async function openIndex(store: Store, texts: TextSource, cachePath: string | null, logger?: Logger): Promise<OpenedIndex> {
  if (cachePath) {
    const id = await storeId(store);
    const snapshot = await readSnapshot(cachePath, id, logger);
    const current = await store.revision();
    if (snapshot && snapshot.revision <= current) {
      const index = await SearchIndex.restore(snapshot, texts);
      let read = 0;
      for await (const batch of store.changedSince(snapshot.revision)) {
        index.upsert(batch);
        read += batch.length;
      }
      if (read > RESAVE_AFTER) await writeSnapshot(cachePath, index, id, current, logger);
      return { index, from: "snapshot", read, revision: current };
    }
    const built = await buildFromStore(store, texts, current);
    await writeSnapshot(cachePath, built.index, id, current, logger);
    return built;
  }
  return buildFromStore(store, texts, await store.revision());
}

/** Writes made while building are caught up from `revision` later: upserts are idempotent. */
async function buildFromStore(store: Store, texts: TextSource, revision: number): Promise<OpenedIndex> {
  const index = new SearchIndex(texts);
  let read = 0;
  for await (const batch of store.allQuestions()) {
    index.upsert(batch);
    read += batch.length;
  }
  return { index, from: "store", read, revision };
}
