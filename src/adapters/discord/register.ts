/**
 * What the register script does: registers `/wq` and `/wq-alerts` with one bulk overwrite (PUT),
 * guild commands when a guild is configured (they change at once, for development), global ones
 * otherwise (not at each start: Discord allows 200 command creates a day per guild), and prints
 * the invite link. `/wq` replies and shares go through the interaction's webhook, which needs no
 * channel permission; the invite's permissions are for what posts on its own (subscription alerts,
 * and reading recent messages to avoid posting an alert twice after a crash). The two thread
 * permissions let a digest's answers go in a thread under it; without them they go as replies.
 */
import { OAuth2Scopes, PermissionFlagsBits, REST, Routes, type RESTOptions } from "discord.js";
import { z } from "zod";
import { commandDefinitions } from "./commands/index.ts";
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

export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const scope = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" ");
  return `https://discord.com/oauth2/authorize?${new URLSearchParams({ client_id: applicationId, scope, permissions: permissions.toString() }).toString()}`;
}
