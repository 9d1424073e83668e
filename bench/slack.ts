/**
 * Slack adapter latency: 200 signed `/wq search` requests, 20 at a time, through the real Bolt
 * app over loopback HTTP, answered on a response_url served by FakeSlack. Measures signed request
 * to ack (Slack's 3 s rule) and to the answer's arrival on the response_url.
 */
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startSlack } from "../src/adapters/slack/index.ts";
import type { Core } from "../src/core/core.ts";
import type { Store } from "../src/store/store.ts";
import { FakeSlack } from "../test/fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../test/fakes/slack/signed-request.ts";
import { seededCore } from "../test/helpers/core.ts";
import { corpusPresent, CORPUS_SKIP_MESSAGE } from "../test/helpers/corpus.ts";
import { openCorpusCore } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { percentile } from "./stats.ts";

const REQUESTS = 200;
const CONCURRENCY = 20;
const WARMUP = 10;
const SECRET = "bench-signing-secret";

const QUERIES = [
  "xinjiang",
  "uighurs",
  "china",
  "\"forced labour\"",
  "nurses OR midwives",
  "energy housing",
  "dept:fcdo",
  "status:answered sort:newest",
  "house:lords",
  "human rights -hong",
  "answered:2024",
  "schools funding",
];

interface OpenedCore {
  core: Core;
  store: Store;
  close(): Promise<void>;
  label: string;
}

/** The full corpus when it is present (its index in the search worker, as the bot runs it), else the seeded test core. */
async function openBenchCore(): Promise<OpenedCore> {
  if (corpusPresent) return openCorpusCore();
  const seeded = await seededCore();
  const questions = await seeded.store.countQuestions();
  return { ...seeded, label: `the seeded test core (${questions} questions; ${CORPUS_SKIP_MESSAGE})` };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export async function benchSlack(): Promise<BenchSection> {
  const fake = await FakeSlack.start();
  const opened = await openBenchCore();
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const slack = await startSlack({
    core: opened.core,
    store: opened.store,
    config: { auth: { kind: "token", botToken: "xoxb-bench" }, mode: { kind: "http", signingSecret: SECRET, port: 0 }, apiUrl: fake.apiUrl },
    logger: quiet,
    retries: 0,
    host: "127.0.0.1",
  });
  const url = `http://127.0.0.1:${slack.port}/slack/events`;

  const one = async (i: number): Promise<{ ack: number; answer: number }> => {
    const id = `bench${i}`;
    const started = performance.now();
    const query = QUERIES[i % QUERIES.length] ?? "china";
    const sent = await sendSigned(url, SECRET, slashCommandBody(`search ${query}`, fake.responseUrl(id)), { contentType: FORM });
    if (sent.status !== 200) throw new Error(`bench request ${i} got ${sent.status}`);
    await fake.waitFor(() => fake.responsesTo(id).length > 0, 30_000);
    const post = fake.responsesTo(id)[0];
    return { ack: sent.ms, answer: (post?.at ?? performance.now()) - started };
  };

  try {
    for (let i = 0; i < WARMUP; i++) await one(-1 - i);
    const results: Array<{ ack: number; answer: number }> = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < REQUESTS) {
        const i = next++;
        results.push(await one(i));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;

    const row = (measure: string, values: number[]): Record<string, string | number> => {
      const sorted = [...values].sort((a, b) => a - b);
      return { measure, "p50 ms": round(percentile(sorted, 50)), "p99 ms": round(percentile(sorted, 99)), "max ms": round(sorted.at(-1) ?? NaN) };
    };
    return {
      title: "Slack: /wq search latency",
      columns: ["measure", "p50 ms", "p99 ms", "max ms"],
      rows: [row("signed request to ack", results.map((r) => r.ack)), row("signed request to response_url post", results.map((r) => r.answer))],
      note:
        `${REQUESTS} signed /wq search requests (${QUERIES.length} queries in turn), ${CONCURRENCY} at a time, after ${WARMUP} warm-up requests, ` +
        `through the real Bolt app over loopback HTTP with a local fake Slack, on ${opened.label}; ` +
        `client, app and fake share one Node process on ${cpus().length} CPUs (load average ${loadavg()[0]?.toFixed(1)} at the end); ` +
        `${round(REQUESTS / seconds)} requests/s. Slack requires the ack within 3,000 ms.`,
    };
  } finally {
    await slack.stop();
    await fake.close();
    await opened.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const section = await benchSlack();
  console.log(section.title);
  console.table(section.rows);
  console.log(section.note);
}
