/**
 * The message a Slack button was pressed on, as a watch needs it: its thread root (so a watch
 * made from a reply posts in that same thread) and whether everyone sees it. An ephemeral message
 * has no thread anyone else could read: a watch from it writes to the person directly.
 */
import { z } from "zod";

const BodySchema = z.looseObject({
  container: z.looseObject({ message_ts: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
});

export function sourceMessageOf(body: unknown): { id: string; public: boolean } | undefined {
  const parsed = BodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { container, message } = parsed.data;
  if (container?.is_ephemeral) return container.message_ts ? { id: container.message_ts, public: false } : undefined;
  const id = message?.thread_ts ?? message?.ts ?? container?.message_ts;
  return id ? { id, public: message !== undefined } : undefined;
}
