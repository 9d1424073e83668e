/**
 * A link to a question on the official site, posted in a channel, unfurls into its card.
 * Slack only sends links on the app's unfurl domain (questions-statements.parliament.uk); the core
 * decides which of them name a question it knows.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/index.ts";
import { SLACK_LIMITS } from "../limits.ts";
import { renderUnfurl, type WqBlock } from "../render.ts";

export type LinkSharedArgs = Pick<SlackEventMiddlewareArgs<"link_shared">, "event"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: { chat: Pick<AllMiddlewareArgs["client"]["chat"], "unfurl"> } };

export function linkShared(core: Core) {
  return async ({ event, client, logger }: LinkSharedArgs): Promise<void> => {
    const unfurls: Record<string, { blocks: WqBlock[] }> = {};
    for (const { url } of event.links.slice(0, SLACK_LIMITS.unfurlsPerMessage)) {
      const question = await core.resolve(url).catch((error: unknown) => {
        logger.warn("wq: resolving a shared link failed", url, error);
        return null;
      });
      if (question) unfurls[url] = { blocks: renderUnfurl(core.card(question)) };
    }
    if (Object.keys(unfurls).length === 0) return;
    // A link still in the composer has no message yet: Slack names it by unfurl_id instead.
    const target =
      event.source === "composer" && event.unfurl_id
        ? { source: "composer" as const, unfurl_id: event.unfurl_id }
        : { channel: event.channel, ts: event.message_ts };
    await client.chat.unfurl({ ...target, unfurls });
  };
}
