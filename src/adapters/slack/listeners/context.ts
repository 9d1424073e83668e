/** The core's CommandContext from what Slack tells us about the user and place. */
import type { CommandContext } from "../../../core/core.ts";

export interface SlackWhoAndWhere {
  userId: string;
  userName?: string | undefined;
  teamId?: string | undefined;
  channelId?: string | undefined;
  /** Only for subscription commands: what the guard decided. */
  canManageSubscriptions?: CommandContext["canManageSubscriptions"];
  /** Only for the subscriptions list: whether other channels' subscriptions may be shown. */
  seesWorkspaceSubscriptions?: boolean | undefined;
}

export function slackContext(who: SlackWhoAndWhere): CommandContext {
  const ctx: CommandContext = { platform: "slack", userId: who.userId };
  if (who.userName) ctx.userName = who.userName;
  if (who.teamId) ctx.workspaceId = who.teamId;
  if (who.channelId) ctx.channelId = who.channelId;
  if (who.canManageSubscriptions) ctx.canManageSubscriptions = who.canManageSubscriptions;
  if (who.seesWorkspaceSubscriptions) ctx.seesWorkspaceSubscriptions = true;
  return ctx;
}
