/** `wq show <ref>`: the whole stored record as JSON, or the core's full answer rendered for the terminal. */
import { parseRef, show } from "../../core/index.ts";
import { ansiStyle, plainStyle, renderReply } from "../shared/terminal-reply.ts";
import { UsageError, type CliCommand } from "./cli-command.ts";
import { cliCore } from "./cli-core.ts";
import { terminalJson } from "../shared/terminal-text.ts";

export const showCli: CliCommand = {
  usage: "  wq show <id | yyyy-mm-dd/uin | url> [--json]",
  async run({ args, values, io, withStore, indexing }) {
    const ref = args.join(" ");
    if (!parseRef(ref)) throw new UsageError(`wq show needs an id, yyyy-mm-dd/uin or official link, e.g. wq show 2024-07-17/67`);
    return withStore(async (store) => {
      const cli = cliCore(store, indexing);
      const q = await cli.core.resolve(ref);
      if (!q) {
        io.err(`No question ${ref} is held.`);
        return 1;
      }
      if (values.json) io.styled(terminalJson(q));
      else {
        const reply = cli.answer(await cli.core.execute(show.request({ ref: q.id, full: true }), { platform: "cli", userId: "cli" }));
        io.styled(renderReply(reply, io.isTTY ? ansiStyle(100) : plainStyle));
      }
      return 0;
    });
  },
};
