/** `wq import <files or folders...>`: load seed pages, API JSON and members files, then refresh the index snapshot. */
import { UsageError, type CliCommand } from "./cli-command.ts";
import { terminalJson } from "../shared/terminal-text.ts";

export const importCli: CliCommand = {
  usage: `  wq import <files or folders...> [--no-index]
                                     load seed pages, API JSON (.json, .jsonl, .gz) and members files,
                                     then refresh the search index snapshot (unless --no-index)`,
  options: { "no-index": { type: "boolean" } },
  async run({ args, values, io, withStore, indexing, settings }) {
    if (args.length === 0) throw new UsageError("wq import needs files or folders, e.g. wq import ../shared/corpus seeds");
    // Loaded here: the readers (html-to-text among them) would slow every search's start-up.
    const [{ importCommand }, { openCliIndex }] = await Promise.all([import("../../sources/import-command.ts"), import("./cli-core.ts")]);
    const { maxFileBytes } = settings.sources.import;
    const summary = await withStore((store) =>
      importCommand(args, {
        store,
        refreshIndex: values["no-index"] || !indexing.cachePath ? null : async () => (await openCliIndex(store, indexing)).size,
        err: io.err,
        progress: io.progress === undefined ? process.stderr : io.progress,
        maxFileBytes,
      }),
    );
    for (const m of summary.messages) io.err(m);
    const line = `Imported ${summary.questionsRead} questions from ${summary.files} files: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.detailsMerged} full texts merged, ${summary.detailsUnmatched} without a question; ${summary.skipped} skipped.`;
    if (values.json) io.styled(terminalJson({ ...summary, changedIds: undefined }));
    else io.out(line);
    return 0;
  },
};
