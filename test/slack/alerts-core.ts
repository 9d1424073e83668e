/**
 * The real core with subscriptions: the seeded store (the seed and ten fixture questions), its
 * embedded alert store, and subscription ids handed out in order (sub1, sub2, …), for the
 * subscribe flow end to end in Slack and Discord.
 */
import { openCore } from "../../src/core/open-core.ts";
import type { Core } from "../../src/core/core.ts";
import type { AlertStore } from "../../src/core/alerts/model.ts";
import { importPaths } from "../../src/core/readers/import.ts";
import { SqliteAlertStore } from "../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../helpers/core.ts";

export interface AlertsCore {
  core: Core;
  store: SqliteStore;
  alerts: AlertStore;
  close(): Promise<void>;
}

export async function alertsCore(now: () => Date = () => new Date("2026-11-28T12:00:00Z")): Promise<AlertsCore> {
  const store = new SqliteStore(":memory:", now);
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  const alerts = new SqliteAlertStore(store.db);
  let n = 0;
  const { core } = await openCore({ store, alertStore: alerts, now, newSubscriptionId: () => `sub${++n}` });
  return { core, store, alerts, close: () => store.close() };
}
