/**
 * The register script's work: `/wq` and `/wq-alerts` in one bulk overwrite (PUT), in the configured
 * guild or globally, and the invite link. Why each permission and why not at every start:
 * docs/discord.md, "Register the commands" and "Invite the bot".
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
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
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

const { ViewChannel, SendMessages, EmbedLinks, ReadMessageHistory, CreatePublicThreads, SendMessagesInThreads } = PermissionFlagsBits;
export const BOT_PERMISSIONS = ViewChannel | SendMessages | EmbedLinks | ReadMessageHistory | CreatePublicThreads | SendMessagesInThreads;

export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const scope = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" ");
  return `https://discord.com/oauth2/authorize?${new URLSearchParams({ client_id: applicationId, scope, permissions: permissions.toString() }).toString()}`;
}
