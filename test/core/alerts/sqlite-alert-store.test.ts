import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertStore } from "../../../src/model/alerts.ts";
import { SqliteAlertStore } from "../../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { alertStoreContract, type Backend } from "../../store/contract.ts";

/** The shared AlertStore contract (test/store/contract.ts) over a temporary SQLite file. */
function sqliteAlertBackend(): Backend<AlertStore> {
  const dir = mkdtempSync(join(tmpdir(), "wq-alerts-"));
  const opened: SqliteStore[] = [];
  return {
    open: async () => {
      const store = new SqliteStore(join(dir, "wq.db"));
      opened.push(store);
      return new SqliteAlertStore(store.db);
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

alertStoreContract("SQLite", async () => sqliteAlertBackend());
