import { z } from "zod";

/**
 * A command with its arguments, as a button or the outbox stores it: `{"name":"search",
 * "query":"xinjiang","page":2}`. Only the envelope is checked here; the command table parses the
 * arguments with the named command's own schema when the request is run, so an old or unknown
 * request costs that one click a clear message and nothing else.
 */
export const CommandRequestSchema = z
  .object({ name: z.string().regex(/^[a-z][a-z-]{0,39}$/) })
  .catchall(z.unknown());
export type CommandRequest = z.infer<typeof CommandRequestSchema>;
