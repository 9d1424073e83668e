/** `/wq trend <query>`: how many questions match, period by period, as a chart and as numbers. */
import { z } from "zod";
import { sharedChartRenderer } from "../trends/chart-renderer.ts";
import { trendReply } from "../trends/trend-reply.ts";
import { defineCommand, fail, ok } from "./command.ts";

export const trend = defineCommand({
  name: "trend",
  usage: "<query>",
  summary: "how many questions match, month by month over the last two years (or the query's tabled: range), as a chart stacked by department, with the top askers and the share answered on time.",
  examples: ["dept:dhsc", '"mental health" tabled:2025'],
  args: z.object({ query: z.string().min(1) }),
  parse(rest, typed) {
    const query = rest.trim();
    return query ? ok({ query }) : fail(`trend needs a query, e.g. ${typed("trend")} dept:dhsc`);
  },
  run: (args, deps) => trendReply({ index: deps.index, store: deps.store, now: deps.now, charts: deps.charts ?? sharedChartRenderer() }, args.query),
});
