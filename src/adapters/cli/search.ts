/**
 * `wq search <query>`, and `wq search --batch` (queries from stdin): as text, the core's search
 * command; as JSON (--json, --batch), the core's searchData, the same results without the cards.
 */
import { MAX_LIMIT, MAX_OFFSET, search, searchData } from "../../core/index.ts";
import { countOption, UsageError, type CliCommand } from "./cli-command.ts";
import { cliCore } from "./cli-core.ts";
import { searchJson, searchLines } from "./render-results.ts";
import { runBatch } from "./search-batch.ts";
import { terminalJson } from "../shared/terminal-text.ts";

const CLI = { platform: "cli", userId: "cli" } as const;

export const searchCli: CliCommand = {
  usage: `  wq search <query> [--json] [--limit N] [--offset N]
  wq search --batch [--limit N] [--offset N]   one query a line on stdin, one JSON line out each`,
  options: { batch: { type: "boolean" } },
  async run({ args, values, io, withStore, indexing }) {
    // The search command's own bounds: --json and --batch reach searchData without its argument check.
    const limit = countOption(values.limit, "limit", 20, MAX_LIMIT);
    const offset = countOption(values.offset, "offset", 0, MAX_OFFSET);
    if (values.batch) {
      if (args.length) throw new UsageError("wq search --batch reads its queries from stdin, one a line; give none on the command line");
      return withStore(async (store) => {
        await runBatch(cliCore(store, indexing), io.stdin ?? process.stdin, (line) => io.styled(terminalJson(line)), { offset, limit });
        return 0;
      });
    }
    const text = args.join(" ");
    if (!text) throw new UsageError('wq search needs a query, e.g. wq search xinjiang or wq search "forced labour" dept:fcdo');
    return withStore(async (store) => {
      const cli = cliCore(store, indexing);
      if (values.json) {
        const data = await searchData(cli.searching, text, offset, limit);
        if (!data.ok) throw new UsageError(data.message);
        io.styled(terminalJson(searchJson(data)));
        return 0;
      }
      const reply = cli.answer(await cli.core.execute(search.request({ query: text, page: 1, offset, limit }), CLI));
      for (const line of searchLines(reply, text)) io.out(line);
      return 0;
    });
  },
};
