/** `wq overdue [dept:...] [--json]`: the core's overdue report, as JSON or the chat reply's text. */
import { overdueReportOf, type SearchEngine } from "../../core/index.ts";
import { UsageError, type CliCommand } from "./cli-command.ts";
import { cliCore, openCliIndex } from "./cli-core.ts";
import { ansiStyle, plainStyle, renderReply } from "../shared/terminal-reply.ts";
import { terminalJson } from "../shared/terminal-text.ts";

/**
 * The report as JSON:
 * `{"asOf", "departments": [{"answeringBodyId", "answeringBodyName", "overdue", "medianDaysLate", "worstDaysLate", "oldest"}]}`,
 * departments with most overdue first; a bad department is a UsageError (one line, an example).
 */
export async function overdueJson(deps: { index: Pick<SearchEngine, "overdue">; now: () => Date }, args: readonly string[]): Promise<string> {
  const made = await overdueReportOf(deps, args.join(" "));
  if (!made.ok) throw new UsageError(made.message);
  return terminalJson(made.report);
}

export const overdueCli: CliCommand = {
  usage: "  wq overdue [dept:...] [--json]     per department: questions overdue, median and worst working days late, the oldest three",
  async run({ args, values, io, withStore, indexing }) {
    return withStore(async (store) => {
      if (values.json) {
        const index = await openCliIndex(store, indexing);
        io.styled(await overdueJson({ index, now: () => new Date() }, args));
        return 0;
      }
      // The text is the chat reply's, from the command table, so the two cannot drift apart.
      const cli = cliCore(store, indexing);
      const reply = cli.answer(await cli.core.run(["overdue", ...args].join(" "), { platform: "cli", userId: "cli" }));
      io.styled(renderReply(reply, io.isTTY ? ansiStyle(100) : plainStyle));
      return 0;
    });
  },
};
