/** The Discord adapter's environment: each problem is named, so a misconfigured deploy says what to fix. */
import { z } from "zod";
import { parseEnv } from "../../env.ts";
import { anySet, optionalEnv, type Env } from "../shared/config.ts";
import { APPLICATION_ID_WHERE, GUILD_ID_WHERE, TOKEN_WHERE } from "./explain.ts";

const Snowflake = (name: string, where: string) =>
  z.string({ error: `${name} is missing: ${where}` }).trim().regex(/^\d{17,20}$/, `${name} must be a Discord id, 17 to 20 digits: ${where}`);

const DiscordEnvSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: `DISCORD_TOKEN is missing: the bot's token; ${TOKEN_WHERE}` })
    .trim()
    .min(1, `DISCORD_TOKEN is empty: the bot's token; ${TOKEN_WHERE}`)
    // A token is three dot-separated base64url parts; a pasted "Bot " prefix, quotes or an
    // application id instead are the usual slips.
    .refine((t) => !/^bot\s/i.test(t), `DISCORD_TOKEN must be the token alone, without "Bot " in front`)
    .refine((t) => !/^\d{17,20}$/.test(t), `DISCORD_TOKEN looks like an id, not a token: ${TOKEN_WHERE}`),
  DISCORD_APPLICATION_ID: Snowflake("DISCORD_APPLICATION_ID", APPLICATION_ID_WHERE),
  DISCORD_GUILD_ID: optionalEnv(Snowflake("DISCORD_GUILD_ID", `a server id for instant development commands, or leave it empty for global ones; ${GUILD_ID_WHERE}`)),
  DISCORD_API_URL: optionalEnv(
    z.url({ protocol: /^https?$/, error: "DISCORD_API_URL must be an http(s) URL such as https://discord.com/api (leave it empty for Discord's own)" }).transform((u) => u.replace(/\/+$/, "")),
  ),
});

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands in this server only (they update at once); global otherwise. */
  guildId?: string;
  /** REST base without the version, e.g. https://discord.com/api; the gateway URL is found there. */
  apiUrl?: string;
}

export const DiscordConfigSchema = DiscordEnvSchema.transform((e): DiscordConfig => {
  const config: DiscordConfig = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID };
  if (e.DISCORD_GUILD_ID) config.guildId = e.DISCORD_GUILD_ID;
  if (e.DISCORD_API_URL) config.apiUrl = e.DISCORD_API_URL;
  return config;
});

/** Discord starts when DISCORD_TOKEN is set. */
export const discordConfigured = (env: Env): boolean => anySet(env, ["DISCORD_TOKEN"]);

/** The Discord settings, or a ConfigError listing every missing or invalid variable. */
export function loadDiscordConfig(env: Env): DiscordConfig {
  return parseEnv(DiscordConfigSchema, env, "Discord");
}
