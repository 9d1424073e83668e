import type { Store } from "./store.ts";
import { SqliteStore } from "./sqlite-store.ts";

/** The file behind a SQLite store, which another thread can open too; null for PostgreSQL or `:memory:`. */
export function sqliteFileOf(store: Store): string | null {
  return store instanceof SqliteStore && !store.db.memory ? store.db.name : null;
}

/** Whether the store lives only in this thread's memory (no other thread or process can read it). */
export function inMemoryStore(store: Store): boolean {
  return store instanceof SqliteStore && store.db.memory;
}
