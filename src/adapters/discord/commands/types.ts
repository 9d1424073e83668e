import type { SlashCommandSubcommandBuilder } from "discord.js";
import type { CommandRequest } from "../../../model/request.ts";

/** The option getters we use; discord.js's resolver has them, tests can fake them. */
export interface OptionReader {
  getString(name: string): string | null;
  getInteger(name: string): number | null;
  getBoolean(name: string): boolean | null;
}

/** One `/wq <name>` subcommand: its definition for registration and how its options become a request. */
export interface Subcommand {
  name: string;
  define(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  /** Unchecked: the caller validates with CommandRequestSchema. */
  request(options: OptionReader): CommandRequest;
}
