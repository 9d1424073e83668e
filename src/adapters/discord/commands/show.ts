import { LIMITS } from "../limits.ts";
import type { Subcommand } from "./types.ts";

export const show: Subcommand = {
  name: "show",
  define: (sub) =>
    sub
      .setName("show")
      .setDescription("Show one question and its answer")
      .addStringOption((o) =>
        o
          .setName("ref")
          .setDescription("The question's id, yyyy-mm-dd/uin, or its parliament.uk address")
          .setRequired(true)
          .setMaxLength(LIMITS.refOption),
      )
      .addBooleanOption((o) => o.setName("full").setDescription("The whole answer, not the opening")),
  request: (options) => ({ name: "show", ref: options.getString("ref") ?? "", full: options.getBoolean("full") ?? false }),
};
