import { z } from "zod";
import type { Reply } from "../../model/reply.ts";
import { overdueDepartments, overdueReply } from "../lateness/report-reply.ts";
import { londonToday } from "../lateness/today.ts";
import type { SearchEngine } from "../search/engine.ts";
import { longDate } from "./cards.ts";
import { defineCommand, fail, ok } from "./command.ts";

/** Per department, how many questions are overdue and how late, on the London day of `now`. */
export async function overdueCommand(deps: { index: Pick<SearchEngine, "overdue">; now: () => Date }, departments: number[] | null): Promise<Reply> {
  const asOf = londonToday(deps.now());
  // Computed beside the index (in its worker): one pass over the questions' summaries, no texts.
  const report = await deps.index.overdue(asOf, departments);
  return overdueReply(report, longDate(asOf));
}

export const overdue = defineCommand({
  name: "overdue",
  usage: "[dept:...]",
  summary: "questions overdue per department: how many, the median and worst working days late, the oldest three.",
  examples: ["dept:fcdo"],
  args: z.object({ departments: z.array(z.number().int()).max(60).nullable() }),
  parse(rest, typed) {
    const parsed = overdueDepartments(rest);
    return parsed.ok ? ok({ departments: parsed.departments }) : fail(parsed.message.replace(/\boverdue dept:/g, `${typed("overdue")} dept:`));
  },
  run: (args, deps) => overdueCommand(deps, args.departments),
});

