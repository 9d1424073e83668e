/**
 * `wq trend <query> [--json] [--png FILE] [--by month|week] [--from DATE] [--to DATE]`: a query's
 * questions by period of tabling, as text (or JSON), and the chart as a PNG file.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError, indexCachePath, loadCoreConfig } from "../../config.ts";
import { parseOrExplain } from "../../core/commands/search.ts";
import { openIndex } from "../../core/search/index-cache.ts";
import { QueryError } from "../../core/search/query-types.ts";
import { storeTexts } from "../../core/search/store-texts.ts";
import { inlineChartRenderer } from "../../core/trends/chart-renderer.ts";
import { trendDate, trendUnit, type Parsed } from "../../core/trends/trend-options.ts";
import { trendJson } from "../../core/trends/trend-json.ts";
import { trendText } from "../../core/trends/trend-text.ts";
import { trendOf } from "../../core/trends/trend.ts";
import { openStores } from "../../store/open-store.ts";
import { terminalJson } from "./terminal-text.ts";

export const TREND_USAGE = "wq trend <query> [--json] [--png FILE] [--by month|week] [--from DATE] [--to DATE]";

export interface TrendCliIO {
  /** Text lines (filtered for the terminal by the caller). */
  out: (text: string) => void;
  err: (text: string) => void;
  /** Output already made safe for a terminal (JSON from terminalJson). */
  styled?: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

class Usage extends Error {}

function take<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Usage(parsed.message);
  return parsed.value;
}

/** Runs `wq trend`; returns the exit code (0 done, 2 a bad query or argument, 1 any other failure). */
export async function trendCli(argv: string[], io: TrendCliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        png: { type: "string" },
        by: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        db: { type: "string" },
      },
    });
    const text = positionals.join(" ").trim();
    if (!text) throw new Usage(`wq trend needs a query, e.g. wq trend dept:dhsc --png dhsc.png\n  ${TREND_USAGE}`);
    const parsed = parseOrExplain(text);
    if (!parsed.ok) throw new Usage(parsed.reply.text);
    const options = {
      unit: values.by === undefined ? ("month" as const) : take(trendUnit(values.by)),
      from: values.from === undefined ? null : take(trendDate(values.from, "from")),
      to: values.to === undefined ? null : take(trendDate(values.to, "to")),
    };
    const config = loadCoreConfig(io.env);
    const db = values.db ?? config.WQ_DB;
    const stores = await openStores({ ...io.env, WQ_DB: db });
    try {
      const store = stores.store;
      const { index } = await openIndex(store, storeTexts(store), indexCachePath({ ...config, WQ_DB: db }));
      const trend = await trendOf({ index, store, now: io.now ?? (() => new Date()) }, text, parsed.query, options);
      if (values.png) {
        await writeFile(values.png, await inlineChartRenderer.render(trend));
        // Beside JSON on stdout, the note goes to stderr so the JSON stays parseable.
        (values.json ? io.err : io.out)(`Chart written to ${values.png} (1200x600 PNG).`);
      }
      if (values.json) (io.styled ?? io.out)(terminalJson(trendJson(trend)));
      else {
        io.out(`${trend.total.toLocaleString("en-GB")} question${trend.total === 1 ? "" : "s"} for ${text}, tabled ${trend.from} to ${trend.to}`);
        io.out(trendText(trend));
      }
      return 0;
    } finally {
      await stores.close();
    }
  } catch (e) {
    // A bad query, a search stopped at its time budget, a range too long: a refusal, with its line.
    if (e instanceof Usage || e instanceof QueryError || e instanceof ConfigError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(e.message);
      return 2;
    }
    io.err(`wq failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
