import { z } from "zod";

/**
 * A parsed command. Actions on replies carry one of these as their whole state, so adapters can
 * store it in a button and run it again after a restart.
 */
export const CommandRequestSchema = z.discriminatedUnion("name", [
  z.object({ name: z.literal("search"), query: z.string(), page: z.number().int().min(1) }),
  z.object({ name: z.literal("show"), ref: z.string(), full: z.boolean() }),
  z.object({ name: z.literal("latest"), count: z.number().int().min(1).max(20), query: z.string() }),
  z.object({ name: z.literal("help") }),
  z.object({ name: z.literal("status") }),
  /** `confirm: false` previews what the query would have posted; `true` saves the subscription. */
  z.object({ name: z.literal("subscribe"), text: z.string(), confirm: z.boolean() }),
  z.object({ name: z.literal("subscriptions") }),
  z.object({ name: z.literal("unsubscribe"), id: z.string() }),
  z.object({ name: z.literal("pause"), id: z.string() }),
  z.object({ name: z.literal("resume"), id: z.string() }),
]);
export type CommandRequest = z.infer<typeof CommandRequestSchema>;
