import { z } from "zod";
import type { Store } from "../../store/store.ts";

/**
 * Matches waiting for a subscription's next digest, kept in the store's meta table (both stores
 * have one) under `alerts:digest:<subscription id>`. Each entry names the digest instant it was
 * assigned to when matched, so building that digest again after a crash gives the same keys.
 */
export const DigestEntrySchema = z.object({
  questionId: z.string(),
  /** The question's group when answered together (subjectKey); one entry stands for the group. */
  subject: z.string().optional(),
  tag: z.string(),
  /** ISO instant of the digest this entry belongs to. */
  at: z.string(),
  /** Every digest subscription of the channel that matched it (the digest names them). */
  subscriptionIds: z.array(z.string()),
});
export type DigestEntry = z.infer<typeof DigestEntrySchema>;

const BufferSchema = z.object({ entries: z.array(DigestEntrySchema) });

function metaKey(subscriptionId: string): string {
  return `alerts:digest:${subscriptionId}`;
}

export async function readDigestBuffer(store: Store, subscriptionId: string): Promise<DigestEntry[]> {
  const text = await store.getMeta(metaKey(subscriptionId));
  if (!text) return [];
  return BufferSchema.parse(JSON.parse(text)).entries;
}

export async function writeDigestBuffer(store: Store, subscriptionId: string, entries: readonly DigestEntry[]): Promise<void> {
  await store.setMeta(metaKey(subscriptionId), JSON.stringify({ entries }));
}
