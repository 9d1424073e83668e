/**
 * The core promises not to throw on bad input, but a bug or a store failure still must not leave
 * the user with a silent slash command: log it and answer with a short error.
 */
import type { Logger } from "@slack/bolt";
import { failureReply, type Reply } from "../../../model/reply.ts";

export async function replySafely(work: () => Promise<Reply>, logger: Pick<Logger, "error">): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    logger.error("wq core failed", error);
    return failureReply();
  }
}
