/**
 * Alerts: how fast a sync step's new answers are matched against 10,000 subscriptions, and what
 * the whole hand-over (matching, then filling the outbox and digest buffers in SQLite) costs.
 * Runs on the whole corpus when it is present, else on the test fixtures (the note says which).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Matcher } from "../src/core/alerts/matcher.ts";
import type { Subscription } from "../src/model/alerts.ts";
import { planMatches } from "../src/core/alerts/plan.ts";
import { eventOf } from "../src/core/alerts/events.ts";
import type { Question } from "../src/model/question.ts";
import { importPaths } from "../src/sources/readers/import.ts";
import { SqliteAlertStore } from "../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { corpusPresent } from "../test/helpers/corpus.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../test/helpers/core.ts";
import { corpusDatabase } from "./corpus.ts";
import { benchQueries } from "./queries.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

export const SUBSCRIPTIONS = 10_000;
const BATCHES = [50, 200, 1000];
const RUNS = 3;

const VARIANTS = ["", "dept:dhsc", "dept:fcdo", "dept:home", "dept:dfe", "house:commons", "-scotland", "-wales", "asker:smith", "status:answered"];
const CHANNELS = 2_000;

/** 10,000 subscriptions from the benchmark's realistic queries, each varied by a filter or an exclusion; a third are digests. */
export function benchSubscriptions(): Subscription[] {
  const queries = benchQueries();
  const subs: Subscription[] = [];
  for (let i = 0; subs.length < SUBSCRIPTIONS; i++) {
    const base = queries[i % queries.length]!.replace(/\s*sort:\w+/, "");
    const variant = VARIANTS[Math.floor(i / queries.length) % VARIANTS.length]!;
    const c = i % CHANNELS;
    subs.push({
      id: `b${i}`,
      channel: { platform: i % 2 ? "slack" : "discord", workspaceId: `W${c % 300}`, channelId: `C${c}` },
      query: `${base} ${variant}`.trim(),
      cadence: i % 3 === 0 ? "daily" : "instant",
      at: "09:00",
      createdBy: { id: "U1", name: null },
      createdAt: "2020-01-01T00:00:00.000Z",
      paused: false,
      pausedReason: null,
      lastPostAt: null,
    });
  }
  return subs;
}

async function questionsFrom(store: SqliteStore): Promise<Question[]> {
  const all: Question[] = [];
  for await (const batch of store.allQuestions()) all.push(...batch.filter((q) => eventOf(q) !== null));
  all.sort((a, b) => ((a.dateAnswered ?? "") < (b.dateAnswered ?? "") ? 1 : -1));
  return all;
}

export async function benchAlerts(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), "wq-bench-alerts-"));
  let source: SqliteStore;
  let data: string;
  if (corpusPresent) {
    source = new SqliteStore(await corpusDatabase());
    data = "the whole corpus (../shared/corpus)";
  } else {
    source = new SqliteStore(join(dir, "fixtures.db"));
    await importPaths([FIXTURE_QUESTIONS_DIR, SEEDS_DIR], source);
    data = "the test fixtures only (the corpus is absent), repeated to fill the batches";
  }
  let answered = await questionsFrom(source);
  await source.close();
  if (answered.length === 0) throw new Error("no answered questions to match");
  while (answered.length < Math.max(...BATCHES)) answered = [...answered, ...answered.map((q, i) => ({ ...q, id: `${q.id}-r${answered.length + i}` }))];

  const now = new Date("2026-07-15T12:00:00Z");
  const subs = benchSubscriptions();
  const rows: BenchSection["rows"] = [];
  try {
    // Cold: the first batch parses every query.
    const cold = new Matcher();
    const t0 = performance.now();
    await cold.match(answered.slice(0, 50), subs);
    const parseMs = performance.now() - t0;

    const matcher = new Matcher();
    await matcher.match(answered.slice(0, 10), subs);
    for (const n of BATCHES) {
      const times: number[] = [];
      let matched = 0;
      for (let r = 0; r < RUNS; r++) {
        const batch = answered.slice(r * 7, r * 7 + n);
        const t = performance.now();
        const m = await matcher.match(batch, subs);
        times.push(performance.now() - t);
        matched = m.reduce((a, x) => a + x.subscriptions.length, 0);
      }
      const s = median(times) / 1000;
      rows.push({
        measure: `match ${n} new answers × ${SUBSCRIPTIONS.toLocaleString("en-GB")} subscriptions`,
        "median, ms": Math.round(median(times)),
        "pairs/s": Math.round((n * SUBSCRIPTIONS) / s).toLocaleString("en-GB"),
        matches: matched,
      });
    }
    rows.push({ measure: "first batch of 50, parsing every query (cold cache)", "median, ms": Math.round(parseMs), "pairs/s": Math.round((50 * SUBSCRIPTIONS) / (parseMs / 1000)).toLocaleString("en-GB"), matches: "" });

    // The whole hand-over of a 200-answer step into a fresh SQLite outbox.
    const times: number[] = [];
    let enqueued = 0;
    let buffered = 0;
    for (let r = 0; r < RUNS; r++) {
      const store = new SqliteStore(join(dir, `outbox-${r}.db`));
      const alertStore = new SqliteAlertStore(store.db);
      const batch = answered.slice(r * 7, r * 7 + 200);
      const t = performance.now();
      const matches = await matcher.match(batch, subs);
      const result = await planMatches({ alertStore, store, now: () => now }, matches);
      times.push(performance.now() - t);
      enqueued = result.enqueued;
      buffered = result.buffered;
      await store.close();
    }
    rows.push({
      measure: "match 200 and fill the outbox and digest buffers (SQLite)",
      "median, ms": Math.round(median(times)),
      "pairs/s": Math.round((200 * SUBSCRIPTIONS) / (median(times) / 1000)).toLocaleString("en-GB"),
      matches: `${enqueued} posts, ${buffered} digest entries`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: "Alerts matching (10,000 subscriptions)",
    columns: ["measure", "median, ms", "pairs/s", "matches"],
    rows,
    note:
      `New answers from ${data}, newest first; ${SUBSCRIPTIONS.toLocaleString("en-GB")} subscriptions built from the 220 benchmark queries, ` +
      `each varied by a department, house, exclusion, asker or status filter, over ${CHANNELS.toLocaleString("en-GB")} channels, a third daily digests. ` +
      `Each batch is indexed on its own (a small SearchIndex) and every subscription's cached query run on it; median of ${RUNS} runs, in-process.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await benchAlerts();
  console.log(JSON.stringify(section, null, 2));
}
