/**
 * How each core command is typed in Discord, for help and hints: the subscription commands live
 * under `/wq-alerts` (only channel managers see it), the rest under `/wq`; a command Discord does
 * not offer is left out of help. Read from the registered command definitions, so they cannot drift.
 */
import type { CommandSyntax } from "../../core/index.ts";
import { ALERTS_COMMAND_NAME, ALERTS_SUBCOMMANDS } from "./commands/alerts.ts";
import { COMMAND_NAME, SUBCOMMANDS } from "./commands/index.ts";

export const discordSyntax: CommandSyntax = (name) => {
  const alerts = ALERTS_SUBCOMMANDS.find((s) => s.runs === name);
  if (alerts) return `/${ALERTS_COMMAND_NAME} ${alerts.name}`;
  return SUBCOMMANDS.some((s) => s.name === name) ? `/${COMMAND_NAME} ${name}` : null;
};
