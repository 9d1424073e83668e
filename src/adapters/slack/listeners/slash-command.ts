/**
 * `/wq …`: acknowledge at once (Slack allows 3 s), then run the text through the core and answer
 * on the response_url. Ephemeral unless the core says the reply is public. The guards travel in
 * the context as a permission checker, which the core asks when a command requires it.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/index.ts";
import { slackPermissions, type Guard, type UsersInfoClient } from "../guards.ts";
import { renderReply } from "../render.ts";
import { answerWithImages, type FilesUploadClient } from "../upload-image.ts";
import { slackContext } from "./context.ts";
import { replySafely } from "./reply-safely.ts";

export type SlashCommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: UsersInfoClient & Partial<FilesUploadClient> };

/**
 * `guard` decides who may change subscriptions; `workspaceGuard` who may list every channel's
 * (admins and owners even where subscriptions are open to everyone, as channels may be private).
 */
export function slashCommand(core: Core, guard: Guard, workspaceGuard: Guard = guard) {
  return async ({ command, ack, respond, client, logger }: SlashCommandArgs): Promise<void> => {
    await ack();
    const who = { userId: command.user_id, userName: command.user_name, teamId: command.team_id, channelId: command.channel_id };
    const permissions = slackPermissions({ userId: who.userId, teamId: who.teamId, client }, { manage: guard, seeWorkspace: workspaceGuard });
    const reply = await replySafely(() => core.run(command.text, slackContext({ ...who, permissions })), logger);
    // A chart goes up as a file in the channel, carrying the reply's text; the rest as before.
    const answer = reply.images?.length && client.files ? await answerWithImages({ files: client.files }, reply, command.channel_id) : reply;
    if (answer) await respond({ response_type: answer.visibility === "public" ? "in_channel" : "ephemeral", ...renderReply(answer) });
  };
}
