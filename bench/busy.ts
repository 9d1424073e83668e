/**
 * Issue 9's stall: while one workspace's heavy search runs in the bot, how long another
 * workspace's `/wq help` waits for its ack and its answer. The real Bolt app over loopback HTTP
 * with FakeSlack, over the full corpus, with the index in the search worker (as the bot runs it)
 * and, for comparison, in the event loop's own thread.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startSlack } from "../src/adapters/slack/index.ts";
import { openCore } from "../src/core/open-core.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { FakeSlack } from "../test/fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../test/fakes/slack/signed-request.ts";
import { corpusDatabase } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

const SECRET = "bench-signing-secret";
/** 16 phrases joined by OR, under 300 characters: the shape of Discord's longest option. */
export const HEAVY_QUERY = [
  "forced labour", "human rights", "climate change", "net zero", "waiting list", "mental health", "local authorities", "legal aid",
  "hate crime", "food banks", "energy bills", "universal credit", "social care", "free school", "armed forces", "public health",
].map((p) => `"${p}"`).join(" OR ");

interface Trial {
  helpAck: number;
  helpAnswer: number;
  heavyAnswer: number;
}

async function trials(worker: boolean, runs: number): Promise<{ trials: Trial[]; questions: number }> {
  const db = await corpusDatabase();
  const store = new SqliteStore(db);
  const opened = await openCore({ store, indexCache: `${db}.index`, searchWorker: worker });
  const fake = await FakeSlack.start();
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const slack = await startSlack({
    core: opened.core,
    store,
    config: { auth: { kind: "token", botToken: "xoxb-bench" }, mode: { kind: "http", signingSecret: SECRET, port: 0 }, apiUrl: fake.apiUrl },
    logger: quiet,
    retries: 0,
    host: "127.0.0.1",
  });
  const url = `http://127.0.0.1:${slack.port}/slack/events`;
  const out: Trial[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const heavyId = `heavy${i}`;
      const helpId = `help${i}`;
      const t0 = performance.now();
      const heavy = sendSigned(url, SECRET, slashCommandBody(`search ${HEAVY_QUERY}`, fake.responseUrl(heavyId), { teamId: "TA" }), { contentType: FORM });
      // Help is sent once the heavy search's ack is back, so the search is surely under way.
      await heavy;
      const t1 = performance.now();
      const help = await sendSigned(url, SECRET, slashCommandBody("help", fake.responseUrl(helpId), { teamId: "TB", userId: "U0002" }), { contentType: FORM });
      await fake.waitFor(() => fake.responsesTo(helpId).length > 0, 120_000);
      const helpAnswer = (fake.responsesTo(helpId)[0]?.at ?? performance.now()) - t1;
      await fake.waitFor(() => fake.responsesTo(heavyId).length > 0, 120_000);
      const heavyAnswer = (fake.responsesTo(heavyId)[0]?.at ?? performance.now()) - t0;
      // The first round warms the JIT and the caches.
      if (i > 0) out.push({ helpAck: help.ms, helpAnswer, heavyAnswer });
    }
  } finally {
    await slack.stop();
    await fake.close();
    await opened.close();
  }
  const questions = await store.countQuestions();
  await store.close();
  return { trials: out, questions };
}

export async function benchBusy(runs = 5): Promise<BenchSection> {
  const inWorker = await trials(true, runs);
  const inThread = await trials(false, Math.min(runs, 3));
  const row = (where: string, t: Trial[]): Record<string, string | number> => ({
    "index runs": where,
    rounds: t.length,
    "help ack ms (median / max)": `${median(t.map((x) => x.helpAck)).toFixed(0)} / ${Math.max(...t.map((x) => x.helpAck)).toFixed(0)}`,
    "help answered ms (median / max)": `${median(t.map((x) => x.helpAnswer)).toFixed(0)} / ${Math.max(...t.map((x) => x.helpAnswer)).toFixed(0)}`,
    "heavy search answered ms (median)": median(t.map((x) => x.heavyAnswer)).toFixed(0),
  });
  return {
    title: "Slack: another workspace's /wq help while a heavy search runs",
    columns: ["index runs", "rounds", "help ack ms (median / max)", "help answered ms (median / max)", "heavy search answered ms (median)"],
    rows: [row("in the search worker (the bot)", inWorker.trials), row("in the event loop's thread (before)", inThread.trials)],
    note:
      `Workspace A sends \`/wq search\` with ${HEAVY_QUERY.length} characters: 16 phrases joined by OR; once its ack is back, workspace B sends \`/wq help\`. ` +
      `Help's ack and its response_url post are timed from B's request; the heavy search's post from A's. Real Bolt app over loopback HTTP with FakeSlack, ` +
      `on the full corpus (${inWorker.questions.toLocaleString("en-GB")} questions, index from its snapshot), one Node process on ${cpus().length} CPUs, after one warm-up round. ` +
      `Client and app share that process, so a search held in its thread delays the client's own sending too: read the heavy search's time beside help's, and see test/slack/busy-search.e2e.test.ts for the proof by order. ` +
      `Slack requires the ack within 3,000 ms.`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { markdown } = await import("./table.ts");
  console.log(markdown(await benchBusy()));
}
