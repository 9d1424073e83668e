import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertStore } from "../../src/model/alerts.ts";
import { SqliteAlertStore } from "../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";
import { alertStoreContract, storeContract, type Backend } from "./contract.ts";

/** A temporary file, so that a second handle (and a reopen) sees the same data. */
function sqliteBackend<T>(wrap: (store: SqliteStore) => T): Backend<T> {
  const dir = mkdtempSync(join(tmpdir(), "wq-store-"));
  const opened: SqliteStore[] = [];
  return {
    open: async () => {
      const store = new SqliteStore(join(dir, "wq.db"));
      opened.push(store);
      return wrap(store);
    },
    cleanup: async () => {
      for (const s of opened) if (s.db.open) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

storeContract("SQLite", async () => sqliteBackend<Store>((s) => s));
alertStoreContract("SQLite", async () => sqliteBackend<AlertStore>((s) => new SqliteAlertStore(s.db)));
