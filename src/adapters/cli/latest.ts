/** `wq latest [n]`: the core's latest command, printed as text or JSON. */
import { latest } from "../../core/index.ts";
import { countOption, UsageError, type CliCommand } from "./cli-command.ts";
import { cliCore } from "./cli-core.ts";
import { latestLines, resultsJson } from "./render-results.ts";
import { terminalJson } from "../shared/terminal-text.ts";

export const latestCli: CliCommand = {
  usage: "  wq latest [n] [--json]",
  async run({ args, values, io, withStore, indexing }) {
    const n = countOption(args[0], "n", 5, 100);
    if (n < 1) throw new UsageError("wq latest takes a number from 1 to 100");
    return withStore(async (store) => {
      const cli = cliCore(store, indexing);
      const reply = cli.answer(await cli.core.execute(latest.request({ count: n, query: "" }), { platform: "cli", userId: "cli" }));
      if (values.json) io.styled(terminalJson(resultsJson(reply)));
      else for (const line of latestLines(reply)) io.out(line);
      return 0;
    });
  },
};
