import type { Subcommand } from "./types.ts";
import { LIMITS } from "../limits.ts";

export const search: Subcommand = {
  name: "search",
  define: (sub) =>
    sub
      .setName("search")
      .setDescription("Search written questions and answers")
      .addStringOption((o) =>
        o
          .setName("query")
          .setDescription('Words to find; filters such as dept:"Home Office" or house:lords')
          .setRequired(true)
          .setMaxLength(LIMITS.queryOption)
          // Autocomplete offers department names while a dept: filter is being typed.
          .setAutocomplete(true),
      ),
  request: (options) => ({ name: "search", query: options.getString("query") ?? "", page: 1 }),
};
