/**
 * From what Slack says about a person and place to the core's CommandContext (the guards travel in
 * it as the permission checker, asked only by a command that requires one), and the core asked so
 * that a bug or a store failure still answers the user rather than leaving a silent command.
 */
import type { Logger } from "@slack/bolt";
import type { CommandContext } from "../../../core/index.ts";
import { failureReply, type Reply } from "../../../model/reply.ts";
import { slackPermissions, type Guard, type UsersInfoClient } from "../guards.ts";
import { COMMAND } from "../scopes.ts";

export interface SlackWhoAndWhere {
  userId: string;
  userName?: string | undefined;
  teamId?: string | undefined;
  channelId?: string | undefined;
}

/** Who may change a channel's subscriptions, and who may list every channel's. */
export interface SlackGuards {
  manage: Guard;
  seeWorkspace: Guard;
}

export function slackContext(who: SlackWhoAndWhere, asker?: { client: UsersInfoClient; guards: SlackGuards }): CommandContext {
  const ctx: CommandContext = { platform: "slack", userId: who.userId, syntax: (name) => `${COMMAND} ${name}` };
  if (who.userName) ctx.userName = who.userName;
  if (who.teamId) ctx.workspaceId = who.teamId;
  if (who.channelId) ctx.channelId = who.channelId;
  if (asker) ctx.permissions = slackPermissions({ userId: who.userId, teamId: who.teamId, client: asker.client }, asker.guards);
  return ctx;
}

export async function replySafely(work: () => Promise<Reply>, logger: Pick<Logger, "error">): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    logger.error("wq core failed", error);
    return failureReply();
  }
}
