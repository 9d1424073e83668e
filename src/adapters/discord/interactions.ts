/**
 * Interactions in, core commands out: a slash command or a button becomes a request (or command
 * text) and the member's context; the Reply is rendered and sent. Each path defers first (the core
 * may take longer than Discord's 3 s), then edits or follows up; a button's answer goes where its
 * declared effect says (../shared/action-effects.ts).
 */
import { MessageFlags, type BaseInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type RepliableInteraction } from "discord.js";
import type { CommandContext, Core } from "../../core/index.ts";
import { EXPIRED_BUTTON, notShared, SOMETHING_WENT_WRONG, type Reply } from "../../model/reply.ts";
import type { Logger } from "../../logger.ts";
import type { Store } from "../../store/store.ts";
import { dispatchByEffect } from "../shared/action-effects.ts";
import { slowDownText, type RateLimiter } from "../shared/rate-limit.ts";
import { departmentChoices } from "./autocomplete.ts";
import { discordSyntax, subcommand } from "./commands/index.ts";
import { decodeCustomId } from "./custom-id.ts";
import { discordPermissions, mayPostHere, type DiscordWho } from "./guards.ts";
import { buildMessage, escapeMarkdown, NO_MENTIONS } from "./render.ts";

export interface HandlerDeps {
  core: Core;
  store: Store;
  logger: Logger;
  /** Commands and button clicks a minute per member and per server; none when absent. */
  limiter?: RateLimiter;
}

const PRIVATE = { flags: MessageFlags.Ephemeral } as const;

export function interactionHandler(deps: HandlerDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) return void (await interaction.respond(departmentChoices(String(interaction.options.getFocused(true).value))));
      // Typing (autocomplete) is not a command; everything else that reaches the core counts.
      if (!(interaction.isChatInputCommand() || interaction.isButton()) || (deps.limiter && (await slowedDown(interaction, deps.limiter)))) return;
      if (interaction.isChatInputCommand()) await command(interaction, deps);
      else if (interaction.customId.startsWith("wq:")) await button(interaction, deps);
    } catch (error) {
      deps.logger.error(`discord: interaction ${interaction.id} failed`, error);
      if (interaction.isRepliable())
        await note(interaction, SOMETHING_WENT_WRONG).catch((e: unknown) => deps.logger.warn(`discord: could not report the failure: ${String(e)}`));
    }
  };
}

/** Answers privately and returns true when the member or their server is over its rate. */
async function slowedDown(interaction: ChatInputCommandInteraction | ButtonInteraction, limiter: RateLimiter): Promise<boolean> {
  // A DM is its member's own place: only their own bucket matters there.
  const decision = limiter.take(interaction.guildId ?? `dm:${interaction.user.id}`, interaction.user.id);
  if (decision.ok) return false;
  await note(interaction, slowDownText(decision, "server"));
  return true;
}

const whoOf = (interaction: BaseInteraction): DiscordWho => ({ guildId: interaction.guildId, memberPermissions: interaction.memberPermissions, inThread: interaction.channel?.isThread() ?? false });

/** Who and where, with the member's permissions for the core to ask when a command requires them. */
function contextOf(interaction: BaseInteraction): CommandContext {
  return {
    platform: "discord",
    userId: interaction.user.id,
    userName: interaction.user.username,
    workspaceId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    permissions: discordPermissions(whoOf(interaction)),
    syntax: discordSyntax,
  };
}

/**
 * `/wq <sub>` and `/wq-alerts <sub>`, answered privately. A subcommand this version does not know
 * (registered by another) goes to the core as its bare name, so the core words the answer.
 */
async function command(interaction: ChatInputCommandInteraction, { core, store }: HandlerDeps): Promise<void> {
  await interaction.deferReply(PRIVATE);
  const name = interaction.options.getSubcommand(false) ?? "";
  const input = subcommand(interaction.commandName, name)?.input(interaction.options) ?? name;
  const ctx = contextOf(interaction);
  const reply = typeof input === "string" ? await core.run(input, ctx) : await core.execute(input, ctx);
  await interaction.editReply(await buildMessage(reply, store));
}

async function button(interaction: ButtonInteraction, { core, store, logger }: HandlerDeps): Promise<void> {
  const decoded = await decodeCustomId(interaction.customId, store);
  if (!decoded.ok) {
    logger.warn(`discord: ${decoded.reason}`);
    return note(interaction, EXPIRED_BUTTON);
  }
  const { effect, request } = decoded.action;
  const message = (reply: Reply, header?: string) => buildMessage(reply, store, { header });
  const edit = async (reply: Reply): Promise<void> => void (await interaction.editReply(await message(reply)));
  const whisper = async (reply: Reply): Promise<void> => void (await interaction.followUp({ ...(await message(reply)), ...PRIVATE }));
  await dispatchByEffect(
    effect,
    async () => {
      // Sharing posts as the bot: only where the member could post themselves.
      const may = effect === "public" ? mayPostHere(whoOf(interaction)) : null;
      return may && !may.allowed ? notShared(may.reason) : core.execute(request, contextOf(interaction));
    },
    {
      // "private" is a new private message, so the results stay where they were; the others update the message clicked.
      start: async (e) => void (e === "private" ? await interaction.deferReply(PRIVATE) : await interaction.deferUpdate()),
      replace: edit,
      // After a deferred reply the private answer is that reply; after a deferred update, a new private message.
      sendPrivate: effect === "private" ? edit : whisper,
      // An ephemeral message cannot be made public: post the card anew, saying who shared it.
      postPublic: async (reply) => void (await interaction.followUp(await message(reply, `Shared by <@${interaction.user.id}>`))),
    },
  );
}

/**
 * One line only the member sees, whichever stage the interaction had reached. After a deferred
 * reply the follow-up replaces the "thinking" message (which is private already); after a
 * deferred update it is a new private message.
 */
async function note(interaction: RepliableInteraction, text: string): Promise<void> {
  const payload = { content: escapeMarkdown(text), embeds: [], components: [], allowedMentions: NO_MENTIONS, ...PRIVATE };
  await (interaction.deferred || interaction.replied ? interaction.followUp(payload) : interaction.reply(payload));
}
