import "dotenv/config";
import { runConsole } from "./adapters/console/console.ts";
import { ConfigError, loadCoreConfig } from "./config.ts";
import { openCore } from "./core/open-core.ts";
import { importPaths } from "./core/readers/import.ts";
import { SqliteStore } from "./store/sqlite-store.ts";

/**
 * Starts wq: the store, the core over it, then every configured chat platform; the terminal
 * console when none is configured.
 */
async function main(): Promise<void> {
  const config = loadCoreConfig(process.env);
  const store = new SqliteStore(config.WQ_DB);
  // The seed pages ship with wq; importing them again changes nothing.
  const seeded = await importPaths([config.WQ_SEEDS], store);
  for (const m of seeded.messages) console.error(m);
  const { core } = await openCore({ store, onError: (e) => console.error("command failed:", e) });
  await runConsole(core, process.stdin, process.stdout);
  await store.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exitCode = 1;
});
