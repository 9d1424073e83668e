import type { Subcommand } from "./types.ts";
import { LIMITS } from "../limits.ts";

export const trend: Subcommand = {
  name: "trend",
  define: (sub) =>
    sub
      .setName("trend")
      .setDescription("How many questions match, month by month, as a chart by department")
      .addStringOption((o) =>
        o
          .setName("query")
          .setDescription("Any search, e.g. dept:dhsc or \"mental health\" tabled:2025")
          .setRequired(true)
          .setMaxLength(LIMITS.queryOption)
          .setAutocomplete(true),
      ),
  request: (options) => ({ name: "trend", query: options.getString("query") ?? "" }),
};
