/**
 * `/wq …`: acknowledge at once (Slack allows 3 s), then run the text through the core and answer
 * on the response_url, ephemeral unless the core says the reply is public. `guard` decides who may
 * change subscriptions, `workspaceGuard` who may list every channel's.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/index.ts";
import type { Guard, UsersInfoClient } from "../guards.ts";
import { renderReply } from "../render.ts";
import { answerWithImages, type FilesUploadClient } from "../upload-image.ts";
import { replySafely, slackContext } from "./context.ts";

export type SlashCommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: UsersInfoClient & Partial<FilesUploadClient> };

export function slashCommand(core: Core, guard: Guard, workspaceGuard: Guard = guard) {
  return async ({ command, ack, respond, client, logger }: SlashCommandArgs): Promise<void> => {
    await ack();
    const who = { userId: command.user_id, userName: command.user_name, teamId: command.team_id, channelId: command.channel_id };
    const ctx = slackContext(who, { client, guards: { manage: guard, seeWorkspace: workspaceGuard } });
    const reply = await replySafely(() => core.run(command.text, ctx), logger);
    // A chart goes up as a file in the channel, carrying the reply's text; the rest as before.
    const answer = reply.images?.length && client.files ? await answerWithImages({ files: client.files }, reply, command.channel_id) : reply;
    if (answer) await respond({ response_type: answer.visibility === "public" ? "in_channel" : "ephemeral", ...renderReply(answer) });
  };
}
