/**
 * One wq-like process for leader.test.ts: it competes for leadership over PostgreSQL and reports
 * each change on stdout as a JSON line ({"event":"gain"|"lose"|"started","name":...}). Run with
 * `node --import tsx test/store/leader-child.ts`; settings come from the environment.
 *
 * With WQ_TEST_DELIVER=1 it also does what wq's leader does with alerts: while it leads it runs
 * the alerts loop (createAlerts(...).start) over the shared outbox, posting through a fake poster
 * that records each post as a row of the `posted` table (a stand-in for the channel's history:
 * findPosted looks there). WQ_TEST_DIE_AFTER_POSTS=n makes it kill itself (SIGKILL) right after
 * its n-th post was accepted and before the outbox records it: the worst moment to die.
 */
import { z } from "zod";
import { createAlerts, type Alerts } from "../../src/core/alerts/alerts.ts";
import type { ChannelPoster, OutboxItem } from "../../src/model/alerts.ts";
import { runAsLeader, type LeaderLock } from "../../src/store/leader.ts";
import { queryRows } from "../../src/store/postgres/db.ts";
import { PgLeaderLock } from "../../src/store/postgres/leader-lock.ts";
import { PostgresAlertStore } from "../../src/store/postgres/postgres-alert-store.ts";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    WQ_TEST_SCHEMA: z.string().min(1),
    WQ_TEST_NAME: z.string().min(1),
    WQ_TEST_INTERVAL_MS: z.coerce.number().int().positive(),
    WQ_TEST_DELIVER: z.enum(["0", "1"]).default("0"),
    WQ_TEST_DIE_AFTER_POSTS: z.coerce.number().int().positive().optional(),
    WQ_TEST_SPACING_MS: z.coerce.number().int().nonnegative().default(100),
  })
  .parse(process.env);

const say = (event: string): void => {
  process.stdout.write(`${JSON.stringify({ event, name: env.WQ_TEST_NAME, pid: process.pid })}\n`);
};
const logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (m: string, ...d: unknown[]) => console.error(m, ...d),
};

const options = { connectionString: env.DATABASE_URL, schema: env.WQ_TEST_SCHEMA };
let alerts: Alerts | null = null;
if (env.WQ_TEST_DELIVER === "1") {
  const store = await PostgresStore.open({ ...options, max: 4 });
  const alertStore = new PostgresAlertStore(store.pool);
  let posts = 0;
  const poster: ChannelPoster = {
    platform: "slack",
    async post(item: OutboxItem): Promise<string> {
      const messageId = `m-${item.key}`;
      await store.pool.query("INSERT INTO posted (key, message_id, poster) VALUES ($1, $2, $3)", [item.key, messageId, env.WQ_TEST_NAME]);
      return messageId;
    },
    async findPosted(item: OutboxItem): Promise<string | null> {
      const rows = await queryRows(store.pool, z.object({ message_id: z.string() }), "SELECT message_id FROM posted WHERE key = $1 LIMIT 1", [
        item.key,
      ]);
      return rows[0]?.message_id ?? null;
    },
  };
  alerts = createAlerts({
    store,
    alertStore,
    posters: [poster],
    logger,
    delivery: {
      spacingMs: env.WQ_TEST_SPACING_MS,
      hooks: {
        afterPosted: () => {
          posts++;
          if (env.WQ_TEST_DIE_AFTER_POSTS !== undefined && posts >= env.WQ_TEST_DIE_AFTER_POSTS) process.kill(process.pid, "SIGKILL");
        },
      },
    },
  });
}

const pgLock = new PgLeaderLock({ ...options, timeoutMs: 2000 });
// Each check is reported, so the test can wait for "the follower looked and did not lead" as a
// positive event rather than sleeping and hoping it looked.
const lock: LeaderLock = {
  tryAcquire: async () => {
    const held = await pgLock.tryAcquire();
    say(held ? "checked-leading" : "checked-following");
    return held;
  },
  isLeader: () => pgLock.isLeader(),
  release: () => pgLock.release(),
  onLost: (listener) => pgLock.onLost(listener),
};
const run = runAsLeader({
  lock,
  intervalMs: env.WQ_TEST_INTERVAL_MS,
  logger,
  onGain: () => {
    say("gain");
    alerts?.start(50);
  },
  onLose: async () => {
    await alerts?.stop();
    say("lose");
  },
});
say("started");

process.once("SIGTERM", () => {
  void run.stop().then(() => process.exit(0));
});
