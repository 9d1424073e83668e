/**
 * What an interaction adds to the core's context for watches and notify:: the message a button
 * was pressed on (a watch from a public message posts in its thread), and the check of
 * `notify:` names against the server's roles and members (asked only when a subscription names
 * someone).
 */
import type { BaseInteraction } from "discord.js";
import type { CommandContext } from "../../core/index.ts";
import { discordMentionResolver, restGuildDirectory } from "./mentions.ts";
import { sourceMessageOf } from "./watch-source.ts";

export function contextExtras(interaction: BaseInteraction): Pick<CommandContext, "message" | "resolveMentions"> {
  const extras: Pick<CommandContext, "message" | "resolveMentions"> = {};
  if (interaction.isButton()) {
    const message = sourceMessageOf(interaction);
    if (message) extras.message = message;
  }
  if (interaction.guildId) extras.resolveMentions = discordMentionResolver(restGuildDirectory(interaction.client.rest, interaction.guildId));
  return extras;
}
