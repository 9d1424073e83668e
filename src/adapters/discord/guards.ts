/**
 * Who may change a channel's subscriptions in Discord, as guards (../shared/guards.ts). A server
 * can override `/wq-alerts`'s default_member_permissions per role or channel, so the permission is
 * checked again on every use, from the interaction's member permissions (no API call).
 */
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";
import type { PermissionChecker } from "../../core/index.ts";
import { allOf, allow, deny, permissionChecker, type Answer, type Guard as SharedGuard } from "../shared/guards.ts";

/** What the guards look at: where the interaction happened and the member's permissions there. */
export interface DiscordWho {
  guildId: string | null;
  /** Resolved for the channel (roles and overwrites); null outside servers. */
  memberPermissions: Readonly<PermissionsBitField> | null;
  /** Whether the channel is a thread (sharing there needs Send Messages in Threads). */
  inThread?: boolean;
}

export type Guard = SharedGuard<DiscordWho, Answer>;

/** Only in a server: a DM or group DM has no channel wq could post alerts to. */
export const inGuild: Guard = (who) =>
  who.guildId ? allow("in a server") : deny("subscriptions belong to server channels; use /wq-alerts in the channel that should get the answers");

/** Manage Channels in this channel (Administrator implies it). */
export const manageChannels: Guard = (who) =>
  who.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ? allow("has Manage Channels") : deny("you need the Manage Channels permission in this channel");

/** The guard wq uses for every subscription command and for a preview's confirm. */
export const subscriptionGuard: Guard = allOf(inGuild, manageChannels);

/** Manage Server: Manage Channels here says nothing of other (private) channels; this does. */
export const manageServer: Guard = (who) =>
  who.guildId && who.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ? allow("has Manage Server") : deny("you need the Manage Server permission");

/**
 * Share to channel posts as the bot, so Discord would let a member post where they themselves may
 * not: wq checks that they may see the channel and send messages in it (in a thread, Send Messages
 * in Threads). A DM has no server permissions: it is the member's own conversation.
 */
export const mayPostHere: Guard = (who) => {
  if (!who.guildId) return allow("a direct message");
  const send = who.inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  if (who.memberPermissions?.has(PermissionFlagsBits.ViewChannel) && who.memberPermissions.has(send)) return allow("may post here");
  return deny(`you can share only where you may post yourself: you need View Channel and ${who.inThread ? "Send Messages in Threads" : "Send Messages"} in this channel`);
};

/** The core's permission checker for one member: Manage Channels here to change subscriptions, Manage Server for every channel's list. */
export function discordPermissions(who: DiscordWho): PermissionChecker {
  return permissionChecker(who, { manageSubscriptions: subscriptionGuard, seeWorkspaceSubscriptions: manageServer });
}
