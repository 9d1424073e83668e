import { errorReply, type Reply } from "../../model/reply.ts";
import type { SearchEngine } from "../search/engine.ts";
import { overdueDepartments, overdueReply } from "../lateness/report-reply.ts";
import { londonToday } from "../lateness/today.ts";
import { longDate } from "./cards.ts";

export interface OverdueDeps {
  index: Pick<SearchEngine, "overdue">;
  now: () => Date;
}

/** `/wq overdue [dept:...]`: per department, how many questions are overdue and how late. */
export async function overdueCommand(deps: OverdueDeps, text: string): Promise<Reply> {
  const parsed = overdueDepartments(text);
  if (!parsed.ok) return errorReply(parsed.message);
  const asOf = londonToday(deps.now());
  // Computed beside the index (in its worker): one pass over the questions' summaries.
  const report = await deps.index.overdue(asOf, parsed.departments);
  return overdueReply(report, longDate(asOf));
}
