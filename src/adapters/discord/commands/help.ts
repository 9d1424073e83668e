import type { Subcommand } from "./types.ts";

export const help: Subcommand = {
  name: "help",
  define: (sub) => sub.setName("help").setDescription("How to use wq"),
  request: () => ({ name: "help" }),
};
