import { legendName } from "./chart-spec.ts";
import type { Trend } from "./trend.ts";

const BARS = "▁▂▃▄▅▆▇█";
/** Periods listed one a line in the text: the rest are in the sparkline, the chart and --json. */
export const LAST_PERIODS = 6;

/**
 * One character a period, its height scaled from zero (not from the smallest count, as most
 * sparkline tools do): a period with no questions reads as empty, and a steady trend as steady.
 */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  return counts.map((n) => (n === 0 ? " " : BARS[Math.max(0, Math.ceil((n / max) * BARS.length) - 1)]!)).join("");
}

const number = (n: number): string => n.toLocaleString("en-GB");
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** The answered-on-time line, saying what it counts. */
export function onTimeLine(trend: Pick<Trend, "due" | "onTime" | "answeredOnTime">): string {
  if (trend.answeredOnTime === null) return "Answered on time: none of these has an answer with a known date yet.";
  return `Answered on time: ${percent(trend.answeredOnTime)} (${number(trend.onTime)} of ${number(trend.due)} answers given by their date for answer)`;
}

/**
 * The numbers behind the chart as plain text, for where images are off and for screen readers:
 * the sparkline, the last periods with their top department, the totals by department, the top
 * askers and the on-time share.
 */
export function trendText(trend: Trend): string {
  const label = trend.unit === "month" ? "month" : "week from";
  const first = trend.periods[0]?.key ?? trend.from;
  const last = trend.periods.at(-1)?.key ?? trend.to;
  const lines = [`${sparkline(trend.periods.map((p) => p.count))}  ${first} to ${last}, by ${trend.unit}`];
  const recent = trend.periods.slice(-LAST_PERIODS);
  lines.push(`Last ${recent.length} ${trend.unit}${recent.length === 1 ? "" : "s"}:`);
  for (const p of recent) {
    const top = trend.departments.length < 2 ? undefined : Object.entries(p.byDepartment).filter(([d, n]) => n > 0 && d !== "Other").sort(([, a], [, b]) => b - a)[0];
    lines.push(`  ${trend.unit === "week" ? `${label} ` : ""}${p.key}: ${number(p.count)}${top ? ` (most to ${legendName(top[0])}: ${number(top[1])})` : ""}`);
  }
  const totals = trend.departments.map((d) => [d, trend.periods.reduce((sum, p) => sum + (p.byDepartment[d] ?? 0), 0)] as const);
  lines.push(`Total: ${number(trend.total)} question${trend.total === 1 ? "" : "s"} in ${trend.periods.length} ${trend.unit}s`);
  if (totals.length) lines.push(`By department: ${totals.map(([d, n]) => `${legendName(d)} ${number(n)} (${percent(trend.total ? n / trend.total : 0)})`).join(", ")}`);
  if (trend.topAskers.length) lines.push(`Top askers: ${trend.topAskers.map((a) => `${a.name}${a.party ? ` (${a.party})` : ""} ${number(a.count)}`).join(", ")}`);
  lines.push(onTimeLine(trend));
  return lines.join("\n");
}
