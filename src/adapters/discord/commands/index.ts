/**
 * `/wq` and its subcommands, one module each. The same definition feeds the register script and
 * the interaction handler, so what Discord shows and what we parse cannot drift apart.
 */
import { InteractionContextType, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { alertsCommandDefinition } from "./alerts.ts";
import { help } from "./help.ts";
import { latest } from "./latest.ts";
import { search } from "./search.ts";
import { show } from "./show.ts";
import { status } from "./status.ts";
import { trend } from "./trend.ts";
import type { Subcommand } from "./types.ts";

export const COMMAND_NAME = "wq";

export const SUBCOMMANDS: readonly Subcommand[] = [search, show, latest, trend, help, status];

export function subcommand(name: string): Subcommand | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}

/** The JSON the register script PUTs: `/wq` for everyone, `/wq-alerts` for Manage Channels. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const wq = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription("UK Parliament written questions and answers")
    // Servers only for now: subscriptions and sharing are about channels.
    .setContexts(InteractionContextType.Guild);
  for (const s of SUBCOMMANDS) wq.addSubcommand((sub) => s.define(sub));
  return [wq.toJSON(), alertsCommandDefinition()];
}
