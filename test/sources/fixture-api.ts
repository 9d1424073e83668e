/** The sync tests' shared set-up: the API fake serving the fixtures, and an empty store to sync into. */
import { afterEach, beforeEach } from "vitest";
import type { SyncOptions } from "../../src/sources/sync.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FIXTURES_DIR, type FakeValue } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

/** The fixtures hold made-up questions tabled 2026-04-28 .. 2026-05-15, answered up to 2026-05-20. */
export const FIXTURE_TODAY = new Date("2026-05-25T10:00:00Z");

export interface FixtureApi {
  readonly fake: FakeParliament;
  readonly store: SqliteStore;
  /** Sync options against the fake on the fixtures' today, with no rate limit and quick retries. */
  opts(extra?: Partial<SyncOptions>): SyncOptions;
  /** A fixture question as the fake serves it. */
  item(id: number): FakeValue;
}

/** A fresh fake and in-memory store for every test of the file that calls it, closed after each. */
export function useFixtureApi(): FixtureApi {
  let fake: FakeParliament | null = null;
  let store: SqliteStore | null = null;
  beforeEach(async () => {
    fake = await startFakeParliament({ dir: FIXTURES_DIR });
    store = new SqliteStore(":memory:");
  });
  afterEach(async () => {
    await fake?.close();
    await store?.close();
  });
  const api: FixtureApi = {
    get fake() {
      if (!fake) throw new Error("useFixtureApi: the fake is started in beforeEach");
      return fake;
    },
    get store() {
      if (!store) throw new Error("useFixtureApi: the store is opened in beforeEach");
      return store;
    },
    opts: (extra = {}) => ({ store: api.store, apiUrl: api.fake.url, now: () => FIXTURE_TODAY, requestsPerSecond: 0, retryMinDelayMs: 5, ...extra }),
    item(id) {
      const v = api.fake.data.items.get(id);
      if (!v) throw new Error(`no fixture ${id}`);
      return v;
    },
  };
  return api;
}
