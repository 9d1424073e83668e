import type { Subcommand } from "./types.ts";
import { LIMITS } from "../limits.ts";

/** How many answers `/wq latest` shows when no count is given. */
export const DEFAULT_LATEST = 5;

export const latest: Subcommand = {
  name: "latest",
  define: (sub) =>
    sub
      .setName("latest")
      .setDescription("The most recently answered questions")
      .addIntegerOption((o) => o.setName("count").setDescription("How many (1-20)").setMinValue(1).setMaxValue(20))
      .addStringOption((o) =>
        o.setName("query").setDescription("Only those matching this search").setMaxLength(LIMITS.queryOption).setAutocomplete(true),
      ),
  request: (options) => ({
    name: "latest",
    count: options.getInteger("count") ?? DEFAULT_LATEST,
    query: options.getString("query") ?? "",
  }),
};
