/**
 * Discord adapter timings: rendering at the limits, and how fast a real discord.js client answers
 * `/wq search` through the loopback fake (the first response must reach Discord within 3 s).
 * Run alone with `npx tsx bench/discord.ts`; bench/run.ts can import `benchDiscord`.
 */
import { performance } from "node:perf_hooks";
import { startDiscord } from "../src/adapters/discord/index.ts";
import { renderReply } from "../src/adapters/discord/render.ts";
import type { Reply } from "../src/model/reply.ts";
import { APP_ID, FakeDiscord } from "../test/fakes/discord/fake-discord.ts";
import { card, idsFor, longText, results } from "../test/discord/replies.ts";
import { seededCore } from "../test/helpers/core.ts";
import { corpusPresent, CORPUS_SKIP_MESSAGE } from "../test/helpers/corpus.ts";
import { openCorpusCore } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { median } from "./stats.ts";

const ROUND_TRIPS = 20;
const TRIP_QUERIES = ["uighurs", "government", '"forced labour"', "nurses dept:dhsc"];

function timeRender(reply: Reply, runs: number): number {
  const ids = idsFor(reply);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    renderReply(reply, ids);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function timeRoundTrips(runs: number): Promise<{ first: number; edit: number; label: string }> {
  const fake = await FakeDiscord.start();
  const seeded = corpusPresent ? await openCorpusCore() : await seededCore();
  const label = corpusPresent ? (seeded as Awaited<ReturnType<typeof openCorpusCore>>).label : `the seeded test core (${await seeded.store.countQuestions()} questions; ${CORPUS_SKIP_MESSAGE})`;
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const config = { token: "bench", applicationId: APP_ID, apiUrl: fake.apiUrl };
  const bot = await startDiscord({ core: seeded.core, store: seeded.store, config, logger: quiet, rest: { retries: 0, timeout: 2000 } });
  const first: number[] = [];
  const edit: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const { token } = fake.command("search", [{ name: "query", type: 3, value: TRIP_QUERIES[i % TRIP_QUERIES.length]! }]);
      await fake.waitFor((r) => r.path.endsWith(`/${token}/callback`));
      first.push(performance.now() - t);
      await fake.waitFor((r) => r.method === "PATCH" && r.path.includes(`/${token}/`));
      edit.push(performance.now() - t);
    }
  } finally {
    await bot.stop();
    await fake.close();
    await seeded.close();
  }
  return { first: median(first), edit: median(edit), label };
}

export async function benchDiscord(): Promise<BenchSection> {
  const full: Reply = { kind: "question", title: "", text: "", cards: [card(1, { body: longText(55_000), bodyIsExcerpt: false })], actions: [], visibility: "private" };
  const trips = await timeRoundTrips(ROUND_TRIPS);
  const ms = (n: number): string => n.toFixed(2);
  return {
    title: "Discord adapter",
    columns: ["what", "median ms"],
    rows: [
      { what: "render a 55 KB answer to one embed", "median ms": ms(timeRender(full, 50)) },
      { what: "render 55 results (10 embeds, 25 buttons)", "median ms": ms(timeRender(results(55), 50)) },
      { what: "/wq search: interaction to first response (defer)", "median ms": ms(trips.first) },
      { what: "/wq search: interaction to results edited in", "median ms": ms(trips.edit) },
    ],
    note: `Median of 50 renders, and of ${ROUND_TRIPS} searches (${TRIP_QUERIES.join(", ")} in turn) by a real discord.js client against the loopback fake with ${trips.label}; network to Discord not included.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await benchDiscord();
  console.log(section.title);
  for (const row of section.rows) console.log(`  ${String(row.what).padEnd(52)} ${row["median ms"]}`);
  console.log(section.note);
}
