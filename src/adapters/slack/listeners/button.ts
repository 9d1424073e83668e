/**
 * Clicks on wq's buttons. The button's value is the command to run; its action id carries the
 * effect the core declared: "replace" the message it was on (paging, a preview's confirm, so a
 * preview cannot be confirmed twice), "private" new messages (the full answer), or "public" (the
 * card posted in the channel for everyone: share).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Core } from "../../../core/index.ts";
import { errorReply, OLD_BUTTON, type Reply } from "../../../model/reply.ts";
import { decodeRequest, effectOfActionId } from "../action-value.ts";
import { slackPermissions, type Guard, type UsersInfoClient } from "../guards.ts";
import { renderFull, renderReply } from "../render.ts";
import { slackContext } from "./context.ts";
import { replySafely } from "./reply-safely.ts";

export type ButtonArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, "ack" | "action" | "body" | "respond"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: { chat: Pick<AllMiddlewareArgs["client"]["chat"], "postMessage"> } & UsersInfoClient };

/** Without a guard nobody is let through. */
const NO_GUARD: Guard = async () => ({ allowed: false, reason: "wq cannot check permissions here" });

export function buttonAction(core: Core, guard: Guard = NO_GUARD, workspaceGuard: Guard = NO_GUARD) {
  return async ({ ack, action, body, respond, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    const effect = effectOfActionId(action.action_id);
    const request = decodeRequest(action.value);
    if (!effect || !request) {
      logger.warn("wq: unknown button", action.action_id);
      await respondError(respond, OLD_BUTTON);
      return;
    }
    const who = { userId: body.user.id, userName: body.user.name, teamId: body.team?.id, channelId: body.channel?.id };
    const permissions = slackPermissions({ userId: who.userId, teamId: who.teamId, client }, { manage: guard, seeWorkspace: workspaceGuard });
    const reply = await replySafely(() => core.execute(request, slackContext({ ...who, permissions })), logger);
    if (reply.kind === "error") {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderReply(reply) });
      return;
    }
    switch (effect) {
      case "private":
        // In order: a later part must not overtake an earlier one.
        for (const message of renderFull(reply)) {
          await respond({ response_type: "ephemeral", replace_original: false, ...message });
        }
        return;
      case "public":
        await share(reply, body, client, respond, logger);
        return;
      case "replace":
        await respond({ response_type: "ephemeral", replace_original: true, ...renderReply(reply) });
        return;
    }
  };
}

/** Slack's error code from a failed Web API call, if it is one. */
const PlatformError = z.object({ data: z.object({ error: z.string() }) });

async function share(reply: Reply, body: ButtonArgs["body"], client: ButtonArgs["client"], respond: RespondFn, logger: ButtonArgs["logger"]): Promise<void> {
  const channel = body.channel?.id;
  if (!channel) {
    await respondError(respond, "There is no channel to share to here. Use /wq in a channel, then share.");
    return;
  }
  const message = renderReply(reply, { sharedBy: body.user.id });
  try {
    // Our own card carries the preview: a second one from Slack's unfurl would repeat it.
    await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
  } catch (error) {
    const code = PlatformError.safeParse(error).data?.data.error;
    logger.warn("wq: share failed", code ?? error);
    const why =
      code === "not_in_channel" || code === "channel_not_found"
        ? "wq cannot post in this channel. Invite it first (/invite @wq), then share again."
        : "Slack did not accept the message. Please try again in a minute.";
    await respondError(respond, why);
  }
}

async function respondError(respond: RespondFn, message: string): Promise<void> {
  await respond({ response_type: "ephemeral", replace_original: false, ...renderReply(errorReply(message)) });
}
