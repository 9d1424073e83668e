import { z } from "zod";
import { errorReply, type Reply } from "../../model/reply.ts";
import { departmentsOf, MAX_DEPARTMENT_TERMS, overdueDepartments, overdueReply, overdueTerms } from "../lateness/report-reply.ts";
import type { OverdueReport } from "../lateness/report.ts";
import { londonDay } from "../../model/days.ts";
import type { SearchEngine } from "../search/engine.ts";
import { longDate } from "./cards.ts";
import { defineCommand, fail, ok } from "./command.ts";

type OverdueDeps = { index: Pick<SearchEngine, "overdue">; now: () => Date };

/**
 * The report on the London day of `now` for the departments an `overdue` text names
 * (`dept:dhsc dept:17`, none for all): what `wq overdue --json` prints. Computed beside the index
 * (in its worker): one pass over the questions' summaries, no texts read.
 */
export async function overdueReportOf(deps: OverdueDeps, text: string): Promise<{ ok: true; report: OverdueReport } | { ok: false; message: string }> {
  const departments = overdueDepartments(text);
  if (!departments.ok) return departments;
  return { ok: true, report: await deps.index.overdue(londonDay(deps.now()), departments.departments) };
}

/** Per department, how many questions are overdue and how late, on the London day of `now`. */
export async function overdueCommand(deps: OverdueDeps, departments: number[] | null): Promise<Reply> {
  const asOf = londonDay(deps.now());
  const report = await deps.index.overdue(asOf, departments);
  return overdueReply(report, longDate(asOf));
}

export const overdue = defineCommand({
  name: "overdue",
  usage: "[dept:...]",
  summary: "questions overdue per department: how many, the median and worst working days late, the oldest three.",
  examples: ["dept:fcdo"],
  // Department terms as typed ("dhsc"), resolved when run: a request from a Discord option carries them so.
  args: z.object({ departments: z.array(z.string().min(1).max(100)).max(MAX_DEPARTMENT_TERMS) }),
  parse(rest, typed) {
    const parsed = overdueTerms(rest);
    return parsed.ok ? ok({ departments: parsed.terms }) : fail(parsed.message.replace(/\boverdue dept:/g, `${typed("overdue")} dept:`));
  },
  run(args, deps) {
    const departments = departmentsOf(args.departments);
    return departments.ok ? overdueCommand(deps, departments.departments) : errorReply(departments.message);
  },
});

