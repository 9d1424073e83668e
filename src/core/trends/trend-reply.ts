import type { Logger } from "../../logger.ts";
import { errorReply, type Reply, type ReplyImage } from "../../model/reply.ts";
import { parseQuery, QueryError } from "../search/query.ts";
import type { ChartRenderer } from "./chart-renderer.ts";
import { legendName } from "./chart-spec.ts";
import { trendText } from "./trend-text.ts";
import { trendOf, type Trend, type TrendDeps, type TrendOptions } from "./trend.ts";

export interface TrendReplyDeps extends TrendDeps {
  charts: ChartRenderer;
  logger?: Logger;
}

const number = (n: number): string => n.toLocaleString("en-GB");

/** What the chart shows, in words: for screen readers and wherever the image is not shown. */
export function chartAlt(trend: Trend): string {
  const peak = trend.periods.reduce((best, p) => (p.count > best.count ? p : best), trend.periods[0]!);
  const totals = trend.departments
    .map((d) => [d, trend.periods.reduce((sum, p) => sum + (p.byDepartment[d] ?? 0), 0)] as const)
    .slice(0, 3)
    .map(([d, n]) => `${legendName(d)} ${number(n)}`);
  return `Bar chart of ${number(trend.total)} written questions matching ${trend.query}, by ${trend.unit} tabled from ${trend.from} to ${trend.to}, stacked by department (${totals.join(", ")}); the busiest ${trend.unit} was ${peak.key} with ${number(peak.count)}.`;
}

/**
 * `/wq trend <query>`: the chart with the numbers as text beside it. Posted for the channel to
 * see, as a chart is made to be shared. A query, range or time-budget problem is one line; a chart
 * that cannot be drawn leaves the numbers, saying so.
 */
export async function trendReply(deps: TrendReplyDeps, text: string, options: TrendOptions = { unit: "month", from: null, to: null }): Promise<Reply> {
  let trend: Trend;
  try {
    trend = await trendOf(deps, text, parseQuery(text), options);
  } catch (e) {
    if (e instanceof QueryError) return errorReply(e.message);
    throw e;
  }
  const range = `tabled ${trend.from} to ${trend.to}`;
  if (trend.total === 0)
    return { kind: "info", title: `No questions for ${text}, ${range}`, text: "Try fewer words or filters, or a query's own range, e.g. tabled:2020..2026.", cards: [], actions: [], visibility: "private" };
  const title = `Trend for ${text}: ${number(trend.total)} question${trend.total === 1 ? "" : "s"} ${range}`;
  let images: ReplyImage[] = [];
  let note = "";
  try {
    const png = await deps.charts.render(trend);
    images = [{ name: "trend.png", png: { base64: Buffer.from(png).toString("base64") }, alt: chartAlt(trend) }];
  } catch (e) {
    deps.logger?.warn("trend chart not drawn", e);
    note = "\nThe chart could not be drawn this time; the numbers above are complete.";
  }
  return { kind: "info", title, text: trendText(trend) + note, cards: [], actions: [], visibility: "public", images };
}
