/**
 * Interactions in, core commands out. Each path answers Discord first (defer: the core may take
 * longer than the 3 s Discord allows), then edits or follows up with the rendered Reply.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import { z } from "zod";
import { CommandRequestSchema } from "../../model/request.ts";
import type { CommandContext, Core } from "../../core/index.ts";
import { errorReply, SOMETHING_WENT_WRONG, type Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { departmentChoices } from "./autocomplete.ts";
import { ALERTS_COMMAND_NAME, alertsSubcommand } from "./commands/alerts.ts";
import { COMMAND_NAME, subcommand } from "./commands/index.ts";
import { decodeCustomId } from "./custom-id.ts";
import { escapeMarkdown } from "./escape.ts";
import { slowDownText, type RateLimiter } from "../shared/rate-limit.ts";
import { discordPermissions, mayPostHere, subscriptionGuard, type Guard } from "./guards.ts";
import type { DiscordLogger } from "./logger.ts";
import { buildMessage } from "./message.ts";
import { NO_MENTIONS } from "./render.ts";
import { discordSyntax } from "./syntax.ts";

export interface HandlerDeps {
  core: Core;
  store: Store;
  logger: DiscordLogger;
  /** Who may manage subscriptions (default: Manage Channels, in a server). */
  guard?: Guard;
  /** Commands and button clicks a minute per member and per server; none when absent. */
  limiter?: RateLimiter;
}

const EXPIRED = "This button no longer works. Run the command again.";
const FAILED = SOMETHING_WENT_WRONG;

export function interactionHandler(deps: HandlerDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      // Typing (autocomplete) is not a command; everything else that reaches the core counts.
      if (deps.limiter && (interaction.isChatInputCommand() || interaction.isButton()) && (await slowedDown(interaction, deps.limiter))) return;
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await command(interaction, deps);
      else if (interaction.isChatInputCommand() && interaction.commandName === ALERTS_COMMAND_NAME) await alertsCommand(interaction, deps);
      else if (interaction.isButton() && interaction.customId.startsWith("wq:")) await button(interaction, deps);
    } catch (error) {
      deps.logger.error(`discord: interaction ${interaction.id} failed`, error);
      await apologise(interaction).catch((e: unknown) => deps.logger.warn(`discord: could not report the failure: ${String(e)}`));
    }
  };
}

/** Answers privately and returns true when the member or their server is over its rate. */
async function slowedDown(interaction: ChatInputCommandInteraction | ButtonInteraction, limiter: RateLimiter): Promise<boolean> {
  // A DM is its member's own place: only their own bucket matters there.
  const decision = limiter.take(interaction.guildId ?? `dm:${interaction.user.id}`, interaction.user.id);
  if (decision.ok) return false;
  await interaction.reply({ content: escapeMarkdown(slowDownText(decision, "server")), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  return true;
}

/** Who and where, with the member's permissions for the core to ask when a command requires them. */
function contextOf(interaction: BaseInteraction, guard: Guard): CommandContext {
  return {
    platform: "discord",
    userId: interaction.user.id,
    userName: interaction.user.username,
    workspaceId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    permissions: discordPermissions({ guildId: interaction.guildId, memberPermissions: interaction.memberPermissions }, guard),
    syntax: discordSyntax,
  };
}

/**
 * `/wq-alerts <sub>`: the same text a Slack user types after `/wq`, run by the core with the
 * guard's answer. Private, like every answer; the core refuses when the guard said no.
 */
async function alertsCommand(interaction: ChatInputCommandInteraction, { core, store, guard = subscriptionGuard }: HandlerDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const sub = alertsSubcommand(interaction.options.getSubcommand(false) ?? "");
  const reply = sub ? await core.run(sub.text(interaction.options), contextOf(interaction, guard)) : errorReply("Unknown command. Try /wq help.");
  await interaction.editReply(await buildMessage(reply, store));
}

async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = typeof focused.value === "string" ? departmentChoices(focused.value) : [];
  await interaction.respond(choices);
}

async function command(interaction: ChatInputCommandInteraction, { core, store, guard = subscriptionGuard }: HandlerDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const sub = subcommand(interaction.options.getSubcommand(false) ?? "");
  const parsed = sub ? CommandRequestSchema.safeParse(sub.request(interaction.options)) : null;
  const reply: Reply = !parsed
    ? errorReply("Unknown command. Try /wq help.")
    : parsed.success
      ? await core.execute(parsed.data, contextOf(interaction, guard))
      : errorReply(`That did not look right: ${z.prettifyError(parsed.error)}`);
  await interaction.editReply(await buildMessage(reply, store));
}

async function button(interaction: ButtonInteraction, { core, store, logger, guard = subscriptionGuard }: HandlerDeps): Promise<void> {
  const decoded = await decodeCustomId(interaction.customId, store);
  if (!decoded.ok) {
    logger.warn(`discord: ${decoded.reason}`);
    await interaction.reply({ ...(await buildMessage(errorReply(EXPIRED), store)), flags: MessageFlags.Ephemeral });
    return;
  }
  const { effect, request } = decoded.action;
  const ctx = contextOf(interaction, guard);
  switch (effect) {
    case "private": {
      // A new private message, so the results stay where they were.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply(await buildMessage(await core.execute(request, ctx), store));
      return;
    }
    case "public": {
      // An ephemeral message cannot be made public: post the card anew, saying who shared it.
      await interaction.deferUpdate();
      const may = mayPostHere({
        guildId: interaction.guildId,
        memberPermissions: interaction.memberPermissions,
        inThread: interaction.channel?.isThread() ?? false,
      });
      if (!may.allowed) {
        await interaction.followUp({ ...(await buildMessage(errorReply(`Not shared: ${may.reason}.`), store)), flags: MessageFlags.Ephemeral });
        return;
      }
      const reply = await core.execute(request, ctx);
      if (reply.kind === "error") {
        await interaction.followUp({ ...(await buildMessage(reply, store)), flags: MessageFlags.Ephemeral });
        return;
      }
      const header = `Shared by <@${interaction.user.id}>`;
      const shared = await buildMessage(reply, store, { header });
      await interaction.followUp(shared);
      return;
    }
    case "replace": {
      // The answer takes the message's place (turning the page; a confirmed preview loses its
      // button). An error goes in a new private message, so the results or the preview stay.
      await interaction.deferUpdate();
      const reply = await core.execute(request, ctx);
      if (reply.kind === "error") await interaction.followUp({ ...(await buildMessage(reply, store)), flags: MessageFlags.Ephemeral });
      else await interaction.editReply(await buildMessage(reply, store));
      return;
    }
  }
}

/**
 * Tell the user, privately, that it failed, whichever stage the interaction had reached. After a
 * deferred reply the follow-up replaces the "thinking" message (which is private already); after a
 * deferred update it is a new private message.
 */
async function apologise(interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return;
  const payload = { content: escapeMarkdown(FAILED), embeds: [], components: [], allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
