/**
 * `/wq …`: acknowledge at once (Slack allows 3 s), then run the text through the core and answer
 * on the response_url. Ephemeral unless the core says the reply is public.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/core.ts";
import { renderReply } from "../render.ts";
import { slackContext } from "./context.ts";
import { replySafely } from "./reply-safely.ts";

export type SlashCommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> & Pick<AllMiddlewareArgs, "logger">;

export function slashCommand(core: Core) {
  return async ({ command, ack, respond, logger }: SlashCommandArgs): Promise<void> => {
    await ack();
    const ctx = slackContext({ userId: command.user_id, userName: command.user_name, teamId: command.team_id, channelId: command.channel_id });
    const reply = await replySafely(() => core.run(command.text, ctx), logger);
    await respond({ response_type: reply.visibility === "public" ? "in_channel" : "ephemeral", ...renderReply(reply) });
  };
}
