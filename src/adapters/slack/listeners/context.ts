/** The core's CommandContext from what Slack tells us about the user and place. */
import type { CommandContext, PermissionChecker } from "../../../core/index.ts";
import { COMMAND } from "../scopes.ts";

export interface SlackWhoAndWhere {
  userId: string;
  userName?: string | undefined;
  teamId?: string | undefined;
  channelId?: string | undefined;
  /** The guards, asked by the core only for a command that needs them. */
  permissions?: PermissionChecker;
}

export function slackContext(who: SlackWhoAndWhere): CommandContext {
  const ctx: CommandContext = { platform: "slack", userId: who.userId, syntax: (name) => `${COMMAND} ${name}` };
  if (who.userName) ctx.userName = who.userName;
  if (who.teamId) ctx.workspaceId = who.teamId;
  if (who.channelId) ctx.channelId = who.channelId;
  if (who.permissions) ctx.permissions = who.permissions;
  return ctx;
}
