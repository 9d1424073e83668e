import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { createAlerts, type Alerts, type AlertsOptions } from "../../../src/core/alerts/alerts.ts";
import type { Subscription } from "../../../src/model/alerts.ts";
import { fixedPermissions, type CommandContext, type Core } from "../../../src/core/index.ts";
import type { Question } from "../../../src/model/question.ts";
import { openCore } from "../../../src/core/open-core.ts";
import type { SearchEngine } from "../../../src/core/search/engine.ts";
import type { Logger } from "../../../src/logger.ts";
import { SqliteAlertStore } from "../../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { runSync } from "../../../src/sources/sync.ts";
import { answered, makeQuestion, makeSubscription } from "../../store/fixtures.ts";
import { FakePoster } from "../../fakes/poster/fake-poster.ts";

export { answered, makeQuestion, makeSubscription };

/** A clock tests move by hand. */
export class FakeClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  sleep = async (ms: number): Promise<void> => {
    this.t += ms;
  };
}

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message) => void lines.push({ level: "info", message }),
    warn: (message) => void lines.push({ level: "warn", message }),
    error: (message) => void lines.push({ level: "error", message }),
  };
}

/** One "process": objects over the SQLite file, as main builds them. */
export interface Process {
  store: SqliteStore;
  alertStore: SqliteAlertStore;
  core: Core;
  index: SearchEngine;
  alerts: Alerts;
  close(): Promise<void>;
}

export interface World {
  dir: string;
  file: string;
  clock: FakeClock;
  slack: FakePoster;
  discord: FakePoster;
  logger: ReturnType<typeof recordingLogger>;
  open(extra?: Partial<AlertsOptions>): Promise<Process>;
  cleanup(): void;
}

export function makeWorld(startIso: string): World {
  const dir = mkdtempSync(join(tmpdir(), "wq-alerts-"));
  const clock = new FakeClock(Date.parse(startIso));
  const slack = new FakePoster("slack", clock.now);
  const discord = new FakePoster("discord", clock.now);
  const logger = recordingLogger();
  let ids = 0;
  const world: World = {
    dir,
    file: join(dir, "wq.db"),
    clock,
    slack,
    discord,
    logger,
    async open(extra = {}) {
      const store = new SqliteStore(world.file, clock.now);
      const alertStore = new SqliteAlertStore(store.db);
      // The index in this thread: these tests are about alerts, and a search worker per simulated
      // process would cost seconds each (test/core/search-worker.test.ts covers the worker).
      const { core, index } = await openCore({ store, alertStore, now: clock.now, newSubscriptionId: () => `s${++ids}`, searchWorker: false });
      const alerts = createAlerts({
        store,
        alertStore,
        posters: [slack, discord],
        now: clock.now,
        logger,
        ...extra,
        delivery: { sleep: clock.sleep, ...extra.delivery },
      });
      return { store, alertStore, core, index, alerts, close: () => store.close() };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return world;
}

/** A world and a process over it, fresh for each test of the describe block that asks for them. */
export interface EachTest {
  readonly world: World;
  readonly p: Process;
  /** A restart: closes the process and opens another over the same file. */
  reopen(): Promise<Process>;
}

/**
 * Registers, in the calling describe block, a world at `startIso` and a process opened on it
 * before each test, closed and removed after it; set-up of the block's own runs after this.
 */
export function worldEachTest(startIso: string, extra: Partial<AlertsOptions> = {}): EachTest {
  let world: World | null = null;
  let p: Process | null = null;
  const held = <T>(v: T | null): T => {
    if (v === null) throw new Error("worldEachTest: the world exists only while a test runs");
    return v;
  };
  beforeEach(async () => {
    world = makeWorld(startIso);
    p = await world.open(extra);
  });
  afterEach(async () => {
    await p?.close();
    world?.cleanup();
    [world, p] = [null, null];
  });
  return {
    get world() {
      return held(world);
    },
    get p() {
      return held(p);
    },
    async reopen() {
      await held(p).close();
      p = await held(world).open(extra);
      return p;
    },
  };
}

/** What a sync step does: store, index, then hand the changed questions to alerts. */
export async function syncIn(p: Process, questions: Question[]): Promise<void> {
  const summary = await p.store.upsertQuestions(questions);
  const changed = await p.store.getQuestions(summary.changedIds);
  p.index.upsert(changed);
  await p.alerts.onSyncChanged(changed);
}

/**
 * A sync from an API (the fake Parliament) as the bot runs one: every question changed since
 * `since` stored, indexed, then handed to alerts. No delivery round.
 */
export async function syncFromApi(p: Pick<Process, "store" | "index" | "alerts">, apiUrl: string, now: () => Date, since: string): Promise<void> {
  await runSync({
    store: p.store,
    apiUrl,
    since,
    until: now().toISOString().slice(0, 10),
    now,
    requestsPerSecond: 0,
    onChanged: async (questions) => {
      p.index.upsert(questions);
      await p.alerts.onSyncChanged(questions);
    },
  });
}

export async function subscribe(p: Process, overrides: Partial<Subscription>): Promise<Subscription> {
  const s = makeSubscription(overrides);
  await p.alertStore.createSubscription(s);
  return s;
}

export function ctx(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    platform: "slack",
    userId: "U1",
    userName: "Ada",
    workspaceId: "T1",
    channelId: "C1",
    permissions: fixedPermissions({ manageSubscriptions: true }),
    ...overrides,
  };
}

let n = 1000;
/** A question answered on `day` whose heading and text speak of `topic`. */
export function answeredAbout(topic: string, day: string, overrides: Partial<Question> = {}): Question {
  const id = String(++n);
  const q = makeQuestion({ id, heading: `${topic} question ${id}`, questionText: `To ask about ${topic}.`, dateTabled: day, ...overrides });
  return { ...answered(q, `The government is looking at ${topic}.`, day), ...overrides };
}
