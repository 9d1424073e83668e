/**
 * The invite link. `/wq` replies and shares go through the interaction's webhook, which needs no
 * channel permission; the permissions below are for what posts on its own (subscription alerts,
 * and reading recent messages to avoid posting an alert twice after a crash). The two thread
 * permissions let a digest's answers go in a thread under it; without them they go as replies.
 */
import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: permissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
