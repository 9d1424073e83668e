import { fileURLToPath } from "node:url";
import type { Core } from "../../src/core/core.ts";
import { openCore } from "../../src/core/open-core.ts";
import { importPaths } from "../../src/sources/readers/import.ts";
import type { SearchEngine } from "../../src/core/search/engine.ts";
import type { AlertStore } from "../../src/model/alerts.ts";
import { SqliteAlertStore } from "../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";

export const SEEDS_DIR = fileURLToPath(new URL("../../seeds", import.meta.url));
export const FIXTURE_QUESTIONS_DIR = fileURLToPath(new URL("../fixtures/questions", import.meta.url));

/** The id the seed page gets: stable, derived from its heading, date and question. */
export const SEED_ID = "seed-77664abbf869";

export interface SeededCore {
  core: Core;
  store: Store;
  index: SearchEngine;
  /** The embedded alert store beside it; subscription ids come in order: sub1, sub2, ... */
  alerts: AlertStore;
  close(): Promise<void>;
}

/**
 * A real core over an in-memory store holding the seed ("China: Uighurs") and ten real questions
 * from test/fixtures/questions (Xinjiang, a holding answer, a correction, a table answer, ...),
 * with subscriptions kept in the same database.
 */
export async function seededCore(now: () => Date = () => new Date("2026-11-28T12:00:00Z")): Promise<SeededCore> {
  const store = new SqliteStore(":memory:", now);
  const summary = await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  if (summary.skipped > 0) throw new Error(`fixtures did not import cleanly: ${summary.messages.join("; ")}`);
  const alerts = new SqliteAlertStore(store.db);
  let n = 0;
  const { core, index } = await openCore({ store, alertStore: alerts, now, newSubscriptionId: () => `sub${++n}` });
  return { core, store, index, alerts, close: () => store.close() };
}
