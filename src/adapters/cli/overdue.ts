import type { SearchEngine } from "../../core/search/engine.ts";
import { overdueDepartments, overdueReply } from "../../core/lateness/report-reply.ts";
import { londonToday } from "../../core/lateness/today.ts";
import { longDate } from "../../core/commands/cards.ts";
import { plainStyle, renderReply, type TerminalStyle } from "../console/render.ts";
import { terminalJson } from "./terminal-text.ts";

export interface OverdueCliOptions {
  index: Pick<SearchEngine, "overdue">;
  now: () => Date;
  json: boolean;
  style?: TerminalStyle;
  /** Printed as is: JSON or a rendered reply (terminal-safe already). */
  out: (text: string) => void;
}

/**
 * `wq overdue [dept:...] [--json]`: the overdue report. JSON is
 * `{"asOf", "departments": [{"answeringBodyId", "answeringBodyName", "overdue", "medianDaysLate", "worstDaysLate", "oldest"}]}`,
 * departments with most overdue first. Returns the one-line mistake for a bad department.
 */
export async function overdueCli(args: readonly string[], options: OverdueCliOptions): Promise<{ ok: true } | { ok: false; message: string }> {
  const parsed = overdueDepartments(args.join(" "));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const asOf = londonToday(options.now());
  const report = await options.index.overdue(asOf, parsed.departments);
  if (options.json) options.out(terminalJson(report));
  else options.out(renderReply(overdueReply(report, longDate(asOf)), options.style ?? plainStyle));
  return { ok: true };
}
