/**
 * A Reply ready to send: gives each action its custom_id (which may mean a store write for a long
 * request), then renders. The one async step before the pure renderer.
 */
import { allActions, type Action, type Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { encodeCustomId } from "./custom-id.ts";
import { withImageAttachments, type AttachedFile } from "./image-attachment.ts";
import { renderReply, type DiscordMessage, type RenderOptions } from "./render.ts";

export async function buildMessage(reply: Reply, store: Pick<Store, "setMeta">, options: RenderOptions = {}): Promise<DiscordMessage & { files?: AttachedFile[] }> {
  const ids = new Map<Action, string>();
  for (const action of allActions(reply)) {
    if (options.keepAction && !options.keepAction(action)) continue;
    ids.set(action, await encodeCustomId({ effect: action.effect, request: action.request }, store));
  }
  return withImageAttachments(renderReply(reply, ids, options), reply.images);
}
