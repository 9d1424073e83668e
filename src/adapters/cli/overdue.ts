/** `wq overdue [dept:...] [--json]`: the overdue report, as JSON or the chat reply's text. */
import { openIndex, storeTexts, type SearchEngine } from "../../core/index.ts";
import { longDate } from "../../core/commands/cards.ts";
import { overdueDepartments, overdueReply } from "../../core/lateness/report-reply.ts";
import { londonToday } from "../../core/lateness/today.ts";
import { ansiStyle, plainStyle, renderReply, type TerminalStyle } from "../console/render.ts";
import { UsageError, type CliCommand } from "./cli-command.ts";
import { terminalJson } from "./terminal-text.ts";

export interface OverdueOutput {
  index: Pick<SearchEngine, "overdue">;
  now: () => Date;
  json: boolean;
  style?: TerminalStyle;
  /** Printed as is: JSON or a rendered reply (both terminal-safe already). */
  out: (text: string) => void;
}

/**
 * Prints the report: JSON is
 * `{"asOf", "departments": [{"answeringBodyId", "answeringBodyName", "overdue", "medianDaysLate", "worstDaysLate", "oldest"}]}`,
 * departments with most overdue first. A bad department is the one-line mistake, with an example.
 */
export async function printOverdue(args: readonly string[], options: OverdueOutput): Promise<{ ok: true } | { ok: false; message: string }> {
  const parsed = overdueDepartments(args.join(" "));
  if (!parsed.ok) return parsed;
  const asOf = londonToday(options.now());
  const report = await options.index.overdue(asOf, parsed.departments);
  if (options.json) options.out(terminalJson(report));
  else options.out(renderReply(overdueReply(report, longDate(asOf)), options.style ?? plainStyle));
  return { ok: true };
}

export const overdueCli: CliCommand = {
  usage: "  wq overdue [dept:...] [--json]     per department: questions overdue, median and worst working days late, the oldest three",
  async run({ args, values, io, withStore, cachePath }) {
    // Checked before the store and index are opened: a typo costs nothing.
    const checked = overdueDepartments(args.join(" "));
    if (!checked.ok) throw new UsageError(checked.message);
    return withStore(async (store) => {
      const { index } = await openIndex(store, storeTexts(store), cachePath);
      const done = await printOverdue(args, { index, now: () => new Date(), json: values.json === true, style: io.isTTY ? ansiStyle(100) : plainStyle, out: io.styled });
      if (!done.ok) throw new UsageError(done.message);
      return 0;
    });
  },
};
