import type { TopLevelSpec } from "vega-lite";
import { OTHER, type Trend } from "./trend.ts";

/** The PNG's size: Slack and Discord previews scale it down, so text is set large. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;
/** The band under the chart that holds the licence line. */
export const FOOTER_HEIGHT = 26;
/** The font shipped with the package (dejavu-fonts-ttf), so a chart renders alike on every machine. */
export const CHART_FONT = "DejaVu Sans";
export const ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.";

/** Vega's "tableau10" first five, then a grey for everything else: the top department is blue wherever the chart appears. */
const PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b"];
const OTHER_COLOUR = "#bab0ac";

const UNIT_TITLE = { month: "Month tabled", week: "Week tabled (from Monday)" } as const;

/** Past this many characters the query is cut in the title (a query may be 500). */
const TITLE_QUERY_MAX = 70;
/**
 * Legend labels are cut at this width as Vega reckons it without a canvas (0.8 x font size a
 * character, more than DejaVu Sans takes): 44 characters at 12 px, as "Foreign, Commonwealth and
 * Development Office". Two columns of that and the legend's title fit in the chart's width.
 */
const LEGEND_LABEL_LIMIT = 430;

export function chartTitle(trend: Pick<Trend, "query">): string {
  const query = trend.query.length > TITLE_QUERY_MAX ? `${trend.query.slice(0, TITLE_QUERY_MAX - 1).trimEnd()}…` : trend.query;
  return `Written questions: ${query}`;
}

export function chartSubtitle(trend: Pick<Trend, "from" | "to" | "total" | "unit">): string {
  return `Tabled ${trend.from} to ${trend.to}, by ${trend.unit} · ${trend.total.toLocaleString("en-GB")} question${trend.total === 1 ? "" : "s"}`;
}

/** A department as the legend names it: "Department of Health and Social Care" is "Health and Social Care". */
export function legendName(department: string): string {
  return department.replace(/^(Department (of|for)|Ministry of) /, "");
}

/** Past this many bars, every other period's label is left out; below it, slanted labels do not touch. */
const ALL_LABELS_UP_TO = 40;

/**
 * The chart as a Vega-Lite spec: bars by period, stacked by department (the most asked at the
 * bottom), sized to fill CHART_WIDTH x (CHART_HEIGHT - FOOTER_HEIGHT) exactly.
 */
export function trendChartSpec(trend: Trend): TopLevelSpec {
  const values = trend.periods.flatMap((p) =>
    trend.departments.map((d, rank) => ({ period: p.key, department: legendName(d), rank, count: p.byDepartment[d] ?? 0 })),
  );
  const colours = trend.departments.map((d, i) => (d === OTHER ? OTHER_COLOUR : PALETTE[i % PALETTE.length]!));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT - FOOTER_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: { top: 16, left: 16, right: 16, bottom: 8 },
    background: "white",
    title: { text: chartTitle(trend), subtitle: chartSubtitle(trend), anchor: "start", fontSize: 24, subtitleFontSize: 16, subtitlePadding: 6, offset: 14, limit: CHART_WIDTH - 40 },
    data: { values },
    mark: { type: "bar", tooltip: false },
    encoding: {
      x: {
        field: "period",
        type: "ordinal",
        sort: trend.periods.map((p) => p.key),
        title: UNIT_TITLE[trend.unit],
        axis: { labelAngle: -45, labelOverlap: trend.periods.length > ALL_LABELS_UP_TO ? "parity" : false, labelFontSize: 13, titleFontSize: 15, titlePadding: 10 },
      },
      y: {
        field: "count",
        type: "quantitative",
        aggregate: "sum",
        stack: "zero",
        title: "Questions",
        axis: { labelFontSize: 13, titleFontSize: 15, tickMinStep: 1, format: "d" },
      },
      color: {
        field: "department",
        type: "nominal",
        title: "Department",
        scale: { domain: trend.departments.map(legendName), range: colours },
        legend: { orient: "top", direction: "horizontal", columns: 2, labelFontSize: 12, titleFontSize: 15, labelLimit: LEGEND_LABEL_LIMIT, symbolSize: 160, columnPadding: 24, titleOrient: "left", titlePadding: 12 },
      },
      order: { field: "rank", type: "quantitative", sort: "ascending" },
    },
    config: { font: CHART_FONT, view: { stroke: null } },
  };
}
