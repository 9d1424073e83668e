/** `wq migrate`: create or update the store's tables, then exit (a deploy's release step). */
import { openStores } from "../../store/open-store.ts";
import type { CliCommand } from "./cli-command.ts";

export const migrateCli: CliCommand = {
  usage: "  wq migrate                          create or update the store's tables, then exit (a deploy's release step)",
  async run({ io, db, settings }) {
    // Opening the store creates or migrates its schema; that is all a release step needs.
    const stores = await openStores(settings.store);
    const [kind, questions] = [stores.kind, await stores.store.countQuestions()];
    await stores.close();
    io.out(`${kind === "postgres" ? "PostgreSQL" : `SQLite (${db})`}: schema up to date, ${questions} questions held.`);
    return 0;
  },
};
