import pg from "pg";
import { z } from "zod";
import type { LeaderLock } from "../leader.ts";
import { clientConfig, queryRows, type PostgresOptions } from "./db.ts";
import { LOCK_CLASS } from "./schema.ts";

export interface PgLeaderLockOptions extends PostgresOptions {
  /** Distinguishes locks within one schema (default "leader"). */
  name?: string;
  /** Gives up a connection attempt or a check after this long (default 10 s). */
  timeoutMs?: number;
}

/**
 * Leadership as a PostgreSQL session-level advisory lock, held on one connection of its own (not
 * a pooled one, which would hand the session to other work). The lock lives exactly as long as
 * that session: when the process dies, or its connection drops, PostgreSQL ends the session and
 * frees the lock, and the next process to try takes it. While it holds the lock each check
 * confirms, over the same connection, that the session still has it.
 */
export class PgLeaderLock implements LeaderLock {
  private client: pg.Client | null = null;
  private key: number | null = null;
  private held = false;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly options: PgLeaderLockOptions) {}

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  isLeader(): boolean {
    return this.held;
  }

  async tryAcquire(): Promise<boolean> {
    try {
      const client = await this.connect();
      const key = await this.lockKey(client);
      if (this.held) {
        const [row] = await queryRows(
          client,
          z.object({ held: z.boolean() }),
          "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted " +
            "AND classid = $1::int4::oid AND objid = $2::int4::oid AND objsubid = 2) AS held",
          [LOCK_CLASS, key],
        );
        this.held = row?.held === true;
      } else {
        const [row] = await queryRows(client, z.object({ held: z.boolean() }), "SELECT pg_try_advisory_lock($1, $2) AS held", [
          LOCK_CLASS,
          key,
        ]);
        this.held = row?.held === true;
      }
      return this.held;
    } catch {
      // The connection failed or hung: whatever the server still thinks, this process must not lead.
      await this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (client && this.held && this.key !== null) {
      try {
        await client.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS, this.key]);
      } catch {
        // Ending the session below frees it anyway.
      }
    }
    this.held = false;
    await this.drop();
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const timeout = this.options.timeoutMs ?? 10_000;
    const client = new pg.Client({
      ...clientConfig(this.options),
      application_name: "wq-leader",
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
    });
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = null;
      const wasHeld = this.held;
      this.held = false;
      client.removeAllListeners("end");
      void client.end().catch(() => undefined);
      if (wasHeld) for (const listener of this.listeners) listener();
    };
    // A connection that breaks while idle reports it here; unhandled, it would crash the process.
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private async lockKey(client: pg.Client): Promise<number> {
    if (this.key !== null) return this.key;
    const [row] = await queryRows(
      client,
      z.object({ key: z.number().int() }),
      "SELECT hashtext($1 || ':' || coalesce($2::text, current_schema(), '')) AS key",
      [this.options.name ?? "leader", this.options.schema ?? null],
    );
    this.key = row!.key;
    return this.key;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    if (!client) return;
    client.removeAllListeners("end");
    await client.end().catch(() => undefined);
  }
}
