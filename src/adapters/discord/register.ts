/**
 * Registers `/wq` with one bulk overwrite (PUT): guild commands when a guild is configured (they
 * change at once, for development), global ones otherwise. Run from a script, not at each start:
 * Discord allows 200 command creates a day per guild.
 */
import { REST, Routes, type RESTOptions } from "discord.js";
import { z } from "zod";
import { commandDefinitions } from "./commands.ts";
import type { DiscordConfig } from "./config.ts";
import { registerError } from "./explain.ts";

const RegisteredSchema = z.array(z.object({ id: z.string(), name: z.string() }));

export interface Registered {
  scope: "guild" | "global";
  commands: Array<{ id: string; name: string }>;
}

export async function registerCommands(config: DiscordConfig, rest: Partial<Pick<RESTOptions, "retries" | "timeout">> = {}): Promise<Registered> {
  const client = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), ...rest }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const scope = config.guildId ? "guild" : "global";
  let answer: unknown;
  try {
    answer = await client.put(route, { body: commandDefinitions() });
  } catch (error) {
    // 401 and 403 name the setting to fix rather than Discord's bare "401: Unauthorized".
    throw registerError(error, scope);
  }
  return { scope, commands: RegisteredSchema.parse(answer).map(({ id, name }) => ({ id, name })) };
}
