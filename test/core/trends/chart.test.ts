import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, describe, expect, it } from "vitest";
import { renderTrendChart, trendChartSvg } from "../../../src/core/trends/chart-render.ts";
import { WorkerChartRenderer } from "../../../src/core/trends/chart-renderer.ts";
import { ATTRIBUTION, CHART_HEIGHT, CHART_WIDTH, trendChartSpec } from "../../../src/core/trends/chart-spec.ts";
import { parse, View } from "vega";
import { compile } from "vega-lite";
import { fixedTrend } from "./trend-fixture.ts";

const GOLDEN = fileURLToPath(new URL("../../fixtures/trends/trend-golden.png", import.meta.url));
/** Per-pixel colour distance pixelmatch allows (anti-aliasing), and the share of pixels that may differ. */
const THRESHOLD = 0.1;
const MAX_DIFFERENT = 0.002;

function decode(png: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(png));
}

/** The share of pixels of `png` that differ from the golden image beyond anti-aliasing. */
function differenceFromGolden(png: Uint8Array): number {
  const golden = PNG.sync.read(readFileSync(GOLDEN));
  const actual = decode(png);
  expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
  const different = pixelmatch(golden.data, actual.data, undefined, golden.width, golden.height, { threshold: THRESHOLD });
  return different / (golden.width * golden.height);
}

describe("the trend chart", () => {
  // WQ_UPDATE_GOLDEN=1 redraws the golden image after a deliberate change to the chart: look at it before committing.
  if (process.env.WQ_UPDATE_GOLDEN === "1")
    it("writes the golden image (WQ_UPDATE_GOLDEN=1)", async () => {
      writeFileSync(GOLDEN, await renderTrendChart(fixedTrend()));
    });

  it("is a PNG of the size asked for: 1200x600", async () => {
    const png = decode(await renderTrendChart(fixedTrend()));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(CHART_WIDTH).toBeGreaterThanOrEqual(1200);
    expect(CHART_HEIGHT).toBeGreaterThanOrEqual(600);
  });

  it("draws what the golden image shows, within anti-aliasing", async () => {
    expect(differenceFromGolden(await renderTrendChart(fixedTrend()))).toBeLessThanOrEqual(MAX_DIFFERENT);
  });

  it("catches a broken render: other numbers, or the text gone, differ from the golden image", async () => {
    const fewer = fixedTrend();
    fewer.periods[3] = { ...fewer.periods[3]!, count: 1, byDepartment: { ...fewer.periods[3]!.byDepartment, "Department of Health and Social Care": 1 } };
    expect(differenceFromGolden(await renderTrendChart(fewer))).toBeGreaterThan(MAX_DIFFERENT);
    // A render whose font failed to load draws no text: titles, axes and the legend vanish.
    const svg = await trendChartSvg(fixedTrend());
    const textless = new Uint8Array(new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render().asPng());
    expect(differenceFromGolden(textless)).toBeGreaterThan(MAX_DIFFERENT);
  });

  it("holds the title with the query and range, axis titles, the legend and the licence line", async () => {
    const svg = await trendChartSvg(fixedTrend());
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain("Written questions: nhs dentists");
    expect(texts.some((t) => t?.startsWith("Tabled 2024-08-01 to 2026-07-31, by month"))).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(["Month tabled", "Questions", "Department", "Health and Social Care", "Home Office", "Other", ATTRIBUTION]));
  });

  it("keeps the bars wide with the longest department names and a long query (legend and title are cut)", async () => {
    const names = ["Foreign, Commonwealth and Development Office", "Ministry of Housing, Communities and Local Government", "Department for Energy Security and Net Zero", "Department for Science, Innovation and Technology", "Speaker's Committee for the Independent Parliamentary Standards Authority", "Other"];
    const base = fixedTrend();
    const long = fixedTrend({
      query: `${'"forced labour" OR "modern slavery" OR "supply chains" '.repeat(6)}dept:fcdo`,
      departments: names,
      periods: base.periods.map((p) => ({ ...p, byDepartment: Object.fromEntries(names.map((n, i) => [n, p.byDepartment[base.departments[i]!]!])) })),
    });
    const view = new View(parse(compile(trendChartSpec(long)).spec), { renderer: "none" });
    await view.runAsync();
    // The plot's own width and height, inside axes, legend and title.
    expect(view.width()).toBeGreaterThan(CHART_WIDTH * 0.8);
    expect(view.height()).toBeGreaterThan(CHART_HEIGHT * 0.5);
    view.finalize();
    const png = decode(await renderTrendChart(long));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });

  describe("in its worker thread", () => {
    const renderer = new WorkerChartRenderer();
    afterAll(() => renderer.close());

    it("draws the same picture as in this thread", async () => {
      const [inWorker, here] = await Promise.all([renderer.render(fixedTrend()), renderTrendChart(fixedTrend())]);
      expect(Buffer.from(inWorker).equals(Buffer.from(here))).toBe(true);
    });
  });
});
