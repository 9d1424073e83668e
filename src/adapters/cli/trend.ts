/**
 * `wq trend <query> [--json] [--png FILE] [--by month|week] [--from DATE] [--to DATE]`: a query's
 * questions by period of tabling, as text (or the JSON of the issue), and the chart as a PNG file.
 * It counts through the index directly rather than the core's reply: JSON needs the numbers, and
 * the chart is drawn in process, since no one else waits on this event loop.
 */
import { writeFile } from "node:fs/promises";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  inlineChartRenderer,
  parseQuery,
  QueryError,
  trendDate,
  trendJson,
  trendOf,
  trendText,
  trendUnit,
  type Parsed,
} from "../../core/index.ts";
import { UsageError, type CliCommand, type CliValues } from "./cli-command.ts";
import { openCliIndex } from "./cli-core.ts";
import { terminalJson } from "../shared/terminal-text.ts";

function take<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.value;
}

function option(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

export const trendCli: CliCommand = {
  usage: `  wq trend <query> [--json] [--png FILE] [--by month|week] [--from DATE] [--to DATE]
                                     questions by month (or week) tabled, top departments and askers`,
  options: { png: { type: "string" }, by: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  async run({ args, values, io, withStore, indexing }) {
    const text = args.join(" ").trim();
    if (!text) throw new UsageError("wq trend needs a query, e.g. wq trend dept:dhsc --png dhsc.png");
    let query;
    try {
      query = parseQuery(text);
    } catch (e) {
      throw e instanceof QueryError ? new UsageError(e.message) : e;
    }
    const by = option(values, "by");
    const from = option(values, "from");
    const to = option(values, "to");
    const png = option(values, "png");
    const options = {
      unit: by === undefined ? ("month" as const) : take(trendUnit(by)),
      from: from === undefined ? null : take(trendDate(from, "from")),
      to: to === undefined ? null : take(trendDate(to, "to")),
    };
    return withStore(async (store) => {
      const index = await openCliIndex(store, indexing);
      const trend = await trendOf({ index, store, now: () => new Date() }, text, query, options).catch((e: unknown) => {
        // A range too long, a count past its time budget: a refusal of this query, like a bad one.
        throw e instanceof QueryError ? new UsageError(e.message) : e;
      });
      if (png) {
        await writeFile(png, await inlineChartRenderer.render(trend));
        // Beside JSON on stdout, the note goes to stderr so the JSON stays parseable.
        (values.json ? io.err : io.out)(`Chart written to ${png} (${CHART_WIDTH}x${CHART_HEIGHT} PNG).`);
      }
      if (values.json) io.styled(terminalJson(trendJson(trend)));
      else {
        io.out(`${trend.total.toLocaleString("en-GB")} question${trend.total === 1 ? "" : "s"} for ${text}, tabled ${trend.from} to ${trend.to}`);
        io.out(trendText(trend));
      }
      return 0;
    });
  },
};
