/** `/wq watch`, `/wq watching`, `/wq unwatch`: the core's watch commands with Discord options. */
import { LIMITS } from "../limits.ts";
import type { Subcommand } from "./types.ts";

export const watch: Subcommand = {
  name: "watch",
  define: (sub) =>
    sub
      .setName("watch")
      .setDescription("Follow one question until it is answered: its changes come to you")
      .addStringOption((o) =>
        o.setName("ref").setDescription("The question's id, yyyy-mm-dd/uin, or its parliament.uk address").setRequired(true).setMaxLength(LIMITS.refOption),
      ),
  request: (options) => ({ name: "watch", ref: options.getString("ref") ?? "" }),
};

export const watching: Subcommand = {
  name: "watching",
  define: (sub) => sub.setName("watching").setDescription("The questions you watch"),
  request: () => ({ name: "watching" }),
};

export const unwatch: Subcommand = {
  name: "unwatch",
  define: (sub) =>
    sub
      .setName("unwatch")
      .setDescription("Stop watching a question")
      .addStringOption((o) => o.setName("ref").setDescription("The watch id (from /wq watching) or the question").setRequired(true).setMaxLength(LIMITS.refOption)),
  request: (options) => ({ name: "unwatch", ref: options.getString("ref") ?? "" }),
};
