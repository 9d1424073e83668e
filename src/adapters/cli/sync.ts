/** `wq sync`: fetch new and changed answers from the Parliament API (its own options, parsed by the sync command). */
import type { CliCommand } from "./cli-command.ts";

export const syncCli: CliCommand = {
  usage: "  wq sync [--since DATE] [--until DATE] [--json]",
  options: { since: { type: "string" }, until: { type: "string" } },
  async run({ argv, io, settings }) {
    const { syncCommand } = await import("../../sources/sync-command.ts");
    // Its progress bar draws with control characters of its own; its lines are wq's, not Parliament's.
    return syncCommand(argv.slice(1), { sync: settings.sources.sync, storeConfig: settings.store, out: io.raw.out, err: io.raw.err, isTTY: io.isTTY });
  },
};
