/**
 * Posting a channel alert exactly once, the part every platform shares. Each post carries a mark
 * made from its outbox key (Slack: message metadata; Discord: a nonce and a footer mark), so after
 * a crash between "the platform accepted it" and "the outbox marked it sent" the poster looks for
 * the mark before posting again. The poster supplies the platform calls; the walk is here.
 */
import type { OutboxItem } from "../../model/alerts.ts";

export interface PostedLookup<M> {
  /** The channel's recent messages (one page). */
  recent(): Promise<M>;
  /** The thread under a parent message; null when it has none (nothing was posted in it). */
  thread(parentId: string): Promise<M | null>;
  /** The id of wq's own message in `messages` carrying `key`'s mark, if any. */
  find(messages: M, key: string): string | null;
}

/**
 * The id of a message already posted for `item`: among the channel's recent messages, else (a
 * thread item) in the thread under its parent, the parent found by its own key. A thread item may
 * sit in the channel itself where the platform let wq post it only as a reply.
 */
export async function findPosted<M>(item: Pick<OutboxItem, "key" | "parentKey">, lookup: PostedLookup<M>): Promise<string | null> {
  const recent = await lookup.recent();
  const here = lookup.find(recent, item.key);
  if (here !== null || item.parentKey === null) return here;
  const parentId = lookup.find(recent, item.parentKey);
  const thread = parentId === null ? null : await lookup.thread(parentId);
  return thread === null ? null : lookup.find(thread, item.key);
}

/** The channel id of an item meant for `platform`; a poster handed another platform's item is a bug. */
export function channelOf(item: Pick<OutboxItem, "channel">, platform: OutboxItem["channel"]["platform"]): string {
  if (item.channel.platform !== platform) throw new Error(`${platform} poster got an item for ${item.channel.platform}`);
  return item.channel.channelId;
}
