/**
 * Who may create or change a channel's subscriptions in Discord, as small composable guards (in the
 * style of Sapphire's preconditions). Discord hides `/wq-alerts` from members without Manage
 * Channels (`default_member_permissions`), but a server can override that per role or channel, so
 * the permission is checked again here on every use, from the interaction's own member
 * permissions in that channel (no API call). `discordPermissions` hands them to the core as its
 * permission checker; the core asks when a command requires it and words the refusal.
 */
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";
import type { PermissionAnswer, PermissionChecker } from "../../core/index.ts";

export type Permission = PermissionAnswer;

/** What the guards look at: where the interaction happened and the member's permissions there. */
export interface DiscordWho {
  guildId: string | null;
  /** Resolved for the channel (roles and overwrites); null outside servers. */
  memberPermissions: Readonly<PermissionsBitField> | null;
}

export type Guard = (who: DiscordWho) => Permission;

const allow = (reason: string): Permission => ({ allowed: true, reason });
const deny = (reason: string): Permission => ({ allowed: false, reason });

/** Allowed when every guard allows; otherwise the first refusal. */
export function allOf(...guards: Guard[]): Guard {
  return (who) => {
    let last = allow("allowed");
    for (const guard of guards) {
      last = guard(who);
      if (!last.allowed) return last;
    }
    return last;
  };
}

/** Allowed when any guard allows; otherwise the last refusal. */
export function anyOf(...guards: Guard[]): Guard {
  return (who) => {
    let last = deny("nobody may manage subscriptions here");
    for (const guard of guards) {
      last = guard(who);
      if (last.allowed) return last;
    }
    return last;
  };
}

/** Only in a server: a DM or group DM has no channel wq could post alerts to. */
export const inGuild: Guard = (who) =>
  who.guildId ? allow("in a server") : deny("subscriptions belong to server channels; use /wq-alerts in the channel that should get the answers");

/** Manage Channels in this channel (Administrator implies it). */
export const manageChannels: Guard = (who) =>
  who.memberPermissions?.has(PermissionFlagsBits.ManageChannels)
    ? allow("has Manage Channels")
    : deny("you need the Manage Channels permission in this channel");

/** The guard wq uses for every subscription command and for a preview's confirm. */
export const subscriptionGuard: Guard = allOf(inGuild, manageChannels);

/** What sharing to a channel looks at: the guards' facts, and whether the channel is a thread. */
export interface DiscordPoster extends DiscordWho {
  inThread: boolean;
}

/**
 * Share to channel posts as the bot, so Discord would let a member post where they themselves may
 * not: wq checks that they may see the channel and send messages in it (in a thread, Send Messages
 * in Threads). A DM has no server permissions: it is the member's own conversation.
 */
export function mayPostHere(who: DiscordPoster): Permission {
  if (!who.guildId) return allow("a direct message");
  const send = who.inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  const perms = who.memberPermissions;
  if (perms?.has(PermissionFlagsBits.ViewChannel) && perms.has(send)) return allow("may post here");
  return deny(`you can share only where you may post yourself: you need View Channel and ${who.inThread ? "Send Messages in Threads" : "Send Messages"} in this channel`);
}

/** Manage Server: Manage Channels here says nothing of other (private) channels; this does. */
export const manageServer: Guard = (who) =>
  who.guildId && who.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ? allow("has Manage Server") : deny("you need the Manage Server permission");

/** The core's permission checker for one member: `guard` for changing subscriptions, Manage Server for every channel's list. */
export function discordPermissions(who: DiscordWho, guard: Guard = subscriptionGuard): PermissionChecker {
  return {
    check: async (permission) => (permission === "manageSubscriptions" ? guard(who) : manageServer(who)),
  };
}
