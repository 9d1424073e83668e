/**
 * Clicks on wq's buttons: the value is the command to run, the action id the effect the core
 * declared, read by the shared dispatch (a private answer may take several messages: renderFull).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/index.ts";
import { errorReply, OLD_BUTTON } from "../../../model/reply.ts";
import { dispatchByEffect } from "../../shared/action-effects.ts";
import { deny } from "../../shared/guards.ts";
import { decodeRequest, effectOfActionId } from "../action-value.ts";
import type { Guard, UsersInfoClient } from "../guards.ts";
import { slackErrorCode } from "../poster.ts";
import { renderFull, renderReply } from "../render.ts";
import { replySafely, slackContext } from "./context.ts";

export type ButtonArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, "ack" | "action" | "body" | "respond"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: { chat: Pick<AllMiddlewareArgs["client"]["chat"], "postMessage"> } & UsersInfoClient };

/** Without a guard nobody is let through. */
const NO_GUARD: Guard = () => deny("wq cannot check permissions here");

export function buttonAction(core: Core, guard: Guard = NO_GUARD, workspaceGuard: Guard = NO_GUARD) {
  return async ({ ack, action, body, respond, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    const effect = effectOfActionId(action.action_id);
    const request = decodeRequest(action.value);
    const privately = async (messages: ReturnType<typeof renderFull>): Promise<void> => {
      // In order: a later part must not overtake an earlier one.
      for (const message of messages) await respond({ response_type: "ephemeral", replace_original: false, ...message });
    };
    if (!effect || !request) {
      logger.warn("wq: unknown button", action.action_id);
      return privately([renderReply(errorReply(OLD_BUTTON))]);
    }
    const who = { userId: body.user.id, userName: body.user.name, teamId: body.team?.id, channelId: body.channel?.id };
    const ctx = slackContext(who, { client, guards: { manage: guard, seeWorkspace: workspaceGuard } });
    await dispatchByEffect(effect, () => replySafely(() => core.execute(request, ctx), logger), {
      replace: async (reply) => void (await respond({ response_type: "ephemeral", replace_original: true, ...renderReply(reply) })),
      sendPrivate: (reply) => privately(renderFull(reply)),
      postPublic: async (reply) => {
        const channel = body.channel?.id;
        if (!channel) return privately([renderReply(errorReply("There is no channel to share to here. Use /wq in a channel, then share."))]);
        try {
          // Our own card carries the preview: a second one from Slack's unfurl would repeat it.
          await client.chat.postMessage({ channel, ...renderReply(reply, { sharedBy: body.user.id }), unfurl_links: false, unfurl_media: false });
        } catch (error) {
          const code = slackErrorCode(error);
          logger.warn("wq: share failed", code ?? error);
          const why =
            code === "not_in_channel" || code === "channel_not_found"
              ? "wq cannot post in this channel. Invite it first (/invite @wq), then share again."
              : "Slack did not accept the message. Please try again in a minute.";
          await privately([renderReply(errorReply(why))]);
        }
      },
    });
  };
}
