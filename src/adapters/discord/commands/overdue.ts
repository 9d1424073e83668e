import type { Subcommand } from "./types.ts";

export const overdue: Subcommand = {
  name: "overdue",
  define: (sub) =>
    sub
      .setName("overdue")
      .setDescription("Questions overdue per department: how many, how late, the oldest")
      .addStringOption((o) => o.setName("dept").setDescription("Only this department (dhsc, health, 17)").setMaxLength(100)),
  request: (options) => {
    // "dept:dhsc" typed out of habit is "dhsc".
    const dept = options.getString("dept")?.trim().replace(/^dept:/i, "").replace(/^"|"$/g, "");
    return { name: "overdue", departments: dept ? [dept] : [] };
  },
};
