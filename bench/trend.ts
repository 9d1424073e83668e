/**
 * Trends: how long counting a query's trend takes in the search worker (every match, phrases all
 * read) beside one page of the same search, and how long drawing its chart takes (Vega-Lite to
 * SVG, then resvg to PNG) beside writing the same numbers as text; and the overdue report beside
 * one page of the status:overdue search. Whole corpus only.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { searchEngineFor } from "../src/core/open-core.ts";
import { openIndex } from "../src/core/search/index-cache.ts";
import { parseQuery } from "../src/core/search/query.ts";
import { storeTexts } from "../src/core/search/store-texts.ts";
import { renderTrendChart } from "../src/core/trends/chart-render.ts";
import { WorkerChartRenderer } from "../src/core/trends/chart-renderer.ts";
import { trendText } from "../src/core/trends/trend-text.ts";
import { trendOf, type Trend } from "../src/core/trends/trend.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { londonDay } from "../src/model/days.ts";
import { corpusDatabase } from "./corpus.ts";
import type { BenchSection } from "./section.ts";
import { median, ms, percentile } from "./stats.ts";

const QUERIES = ["dept:dhsc", "nhs dentists", "(nurses OR midwives) -agency", '"mental health"', '"forced labour" dept:fcdo', "house:commons"];
const RUNS = 7;
const RENDERS = 15;

/** Wall-clock milliseconds of each run, and the process's CPU milliseconds (all its threads) of each. */
async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ samples: number[]; cpu: number[]; value: T }> {
  const samples: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    value = await fn();
    samples.push(performance.now() - start);
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { samples, cpu, value };
}

/** The overdue report, every department and one, each beside the first page of its status:overdue search. */
async function lateness(engine: ReturnType<typeof searchEngineFor>): Promise<BenchSection> {
  const asOf = londonDay(new Date());
  const rows: BenchSection["rows"] = [];
  for (const [what, departments, text] of [["every department", null, "status:overdue"], ["dept:dhsc", [17], "status:overdue dept:dhsc"]] as const) {
    const query = parseQuery(text);
    const dated = { ...query, filters: { ...query.filters, asOf } };
    await engine.overdue(asOf, departments); // warm: the filter sets are built on first use
    const report = await timed(RUNS, () => engine.overdue(asOf, departments));
    const search = await timed(RUNS, () => engine.search(dated, 0, 5));
    rows.push({
      report: what,
      "median ms": ms(median(report.samples)),
      "p90 ms": ms(percentile(report.samples, 90)),
      "median CPU ms": ms(median(report.cpu)),
      reference: `search ${text}, first page (total ${search.value.total.toLocaleString("en-GB")})`,
      "reference median ms": ms(median(search.samples)),
      "questions overdue": report.value.departments.reduce((n, d) => n + d.overdue, 0).toLocaleString("en-GB"),
    });
  }
  return {
    title: "Lateness: the overdue report",
    columns: ["report", "median ms", "p90 ms", "median CPU ms", "reference", "reference median ms", "questions overdue"],
    rows,
    note: `${RUNS} runs of each over the whole corpus on today's London day (${asOf}), the index in the search worker, after one to warm up; the reference is the first page of the same status:overdue search.`,
  };
}

export async function benchTrend(): Promise<BenchSection[]> {
  const db = await corpusDatabase();
  const store = new SqliteStore(db);
  const engine = searchEngineFor({ store, worker: true });
  const charts = new WorkerChartRenderer();
  const rows: BenchSection["rows"] = [];
  try {
    await openIndex(store, storeTexts(store), `${db}.index`, undefined, engine);
    const deps = { index: engine, store, now: () => new Date() };
    let dhsc: Trend | null = null;
    for (const text of QUERIES) {
      const query = parseQuery(text);
      const options = { unit: "month" as const, from: null, to: null };
      await trendOf(deps, text, query, options); // warm: the filter sets are built on first use
      const trend = await timed(RUNS, () => trendOf(deps, text, query, options));
      const search = await timed(RUNS, () => engine.search(query, 0, 5));
      if (text === "dept:dhsc") dhsc = trend.value;
      rows.push({
        step: `count trend: ${text}`,
        "median ms": ms(median(trend.samples)),
        "p90 ms": ms(percentile(trend.samples, 90)),
        "median CPU ms": ms(median(trend.cpu)),
        reference: `search, first page (total ${search.value.estimated ? "about " : ""}${search.value.total.toLocaleString("en-GB")})`,
        "reference median ms": ms(median(search.samples)),
        "questions counted": trend.value.total.toLocaleString("en-GB"),
      });
    }
    const trend = dhsc!;
    await renderTrendChart(trend); // warm: Vega's first layout compiles its code
    const text = await timed(RENDERS, async () => trendText(trend));
    const inline = await timed(RENDERS, () => renderTrendChart(trend));
    await charts.render(trend);
    const worker = await timed(RENDERS, () => charts.render(trend));
    const reference = { reference: "the same numbers as text (trendText)", "reference median ms": ms(median(text.samples)) };
    rows.push({ step: "draw chart 1200x600 PNG, in this thread", "median ms": ms(median(inline.samples)), "p90 ms": ms(percentile(inline.samples, 90)), "median CPU ms": ms(median(inline.cpu)), ...reference, "questions counted": trend.total.toLocaleString("en-GB") });
    rows.push({ step: "draw chart, in the chart worker (round trip)", "median ms": ms(median(worker.samples)), "p90 ms": ms(percentile(worker.samples, 90)), "median CPU ms": ms(median(worker.cpu)), ...reference, "questions counted": trend.total.toLocaleString("en-GB") });
    const size = (await renderTrendChart(trend)).length;
    const late = await lateness(engine);
    const drawing: BenchSection = {
      title: "Trends: counting and drawing",
      columns: ["step", "median ms", "p90 ms", "median CPU ms", "reference", "reference median ms", "questions counted"],
      rows,
      note: `Counting: ${RUNS} runs a query over the whole corpus, the index in the search worker, the default range (24 months), the 5 top askers' names read from the store; the reference is one page of the same search. Drawing: ${RENDERS} renders of the dept:dhsc chart (${Math.round(size / 1024)} KB PNG) after one to warm up. CPU ms is the whole process's CPU time over the run (every thread), which contention does not inflate as it does wall time. Load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (other work shares them).`,
    };
    return [drawing, late];
  } finally {
    await charts.close();
    await engine.close();
    await store.close();
  }
}
