import { parseEnv } from "../../env.ts";
/**
 * The Discord adapter's environment. Discord starts when DISCORD_TOKEN is set; then every other
 * variable is checked and each problem is named, so a misconfigured deploy says what to fix.
 */
import { z } from "zod";

const Snowflake = (name: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .regex(/^\d{17,20}$/, `${name} must be a Discord id: 17 to 20 digits (Developer Portal > General Information)`);

/** Empty strings count as unset: `.env` files often hold `NAME=`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const DiscordEnvSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: "DISCORD_TOKEN is missing (Developer Portal > Bot > Reset Token)" })
    .trim()
    .min(1, "DISCORD_TOKEN is empty (Developer Portal > Bot > Reset Token)"),
  DISCORD_APPLICATION_ID: Snowflake("DISCORD_APPLICATION_ID"),
  DISCORD_GUILD_ID: optional(Snowflake("DISCORD_GUILD_ID")),
  DISCORD_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: "DISCORD_API_URL must be an http(s) URL such as https://discord.com/api" })
      .transform((u) => u.replace(/\/+$/, "")),
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

type Env = Record<string, string | undefined>;

export function discordConfigured(env: Env): boolean {
  return (env.DISCORD_TOKEN ?? "").trim() !== "";
}

export function parseDiscordConfig(env: Env): DiscordConfig {
  const e = parseEnv(DiscordEnvSchema, env, "Discord");
  const config: DiscordConfig = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID };
  if (e.DISCORD_GUILD_ID) config.guildId = e.DISCORD_GUILD_ID;
  if (e.DISCORD_API_URL) config.apiUrl = e.DISCORD_API_URL;
  return config;
}
