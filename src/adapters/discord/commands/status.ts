import type { Subcommand } from "./types.ts";

export const status: Subcommand = {
  name: "status",
  define: (sub) => sub.setName("status").setDescription("How many questions wq holds and when it last synced"),
  request: () => ({ name: "status" }),
};
