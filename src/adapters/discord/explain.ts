/**
 * Discord's refusals in words an operator can act on: one line naming the variable, what was
 * wrong and where to get a good value. Used at start (login) and by the register script.
 */
import { z } from "zod";
import { ConfigError } from "../../env.ts";
import { saidBriefly, settingError } from "../shared/operator-error.ts";

export const PORTAL = "https://discord.com/developers/applications";
export const TOKEN_WHERE = `get a new one at ${PORTAL} > your app > Bot > Reset Token`;
export const APPLICATION_ID_WHERE = `copy it from ${PORTAL} > your app > General Information > Application ID`;
export const GUILD_ID_WHERE = "in Discord turn on User Settings > Advanced > Developer Mode, then right-click the server > Copy Server ID";

/** What a thrown discord.js error says about the request, read without trusting its shape. */
const ErrorFacts = z.looseObject({ status: z.number().nullable().catch(null), code: z.union([z.string(), z.number()]).nullable().catch(null), message: z.string().optional().catch(undefined) });

function facts(error: unknown): { status: number | null; code: string | number | null; message: string } {
  const read = ErrorFacts.safeParse(error);
  return { status: read.data?.status ?? null, code: read.data?.code ?? null, message: read.data?.message ?? String(error) };
}

const invalidToken = (): ConfigError => settingError("DISCORD_TOKEN", "is an invalid token", "Discord answered 401 Unauthorized", TOKEN_WHERE);

/** A login failure as a one-line ConfigError when it is the token's fault; null for anything else. */
export function loginError(error: unknown): ConfigError | null {
  const { status, code } = facts(error);
  if (code === "TokenInvalid" || status === 401) return invalidToken();
  if (code === "TokenMissing") return settingError("DISCORD_TOKEN", "is missing", null, TOKEN_WHERE);
  if (code === "DisallowedIntents") return new ConfigError(`DISCORD_TOKEN's bot may not use the gateway intents wq asked for: turn them on at ${PORTAL} > your app > Bot > Privileged Gateway Intents.`);
  return null;
}

/** A register (bulk overwrite) failure as one line; 401 and 403 say which setting to fix. */
export function registerError(error: unknown, scope: "guild" | "global"): ConfigError {
  const { status, code, message } = facts(error);
  if (status === 401) return invalidToken();
  if (status === 403 && scope === "guild")
    return new ConfigError(
      `Discord refused to register commands in server DISCORD_GUILD_ID (403 Forbidden, code ${String(code)}): the bot is not in that server or lacks the applications.commands scope; invite it with the link from this script (run it without DISCORD_GUILD_ID to see it), or fix DISCORD_GUILD_ID (${GUILD_ID_WHERE}).`,
    );
  if (status === 403)
    return new ConfigError(`Discord refused to register commands (403 Forbidden, code ${String(code)}): DISCORD_APPLICATION_ID must be the application of DISCORD_TOKEN's bot; ${APPLICATION_ID_WHERE}.`);
  if (status === 404) return new ConfigError(`Discord knows no application DISCORD_APPLICATION_ID (404 Not Found): ${APPLICATION_ID_WHERE}.`);
  if (status === 400 && scope === "guild") return new ConfigError(`Discord rejected DISCORD_GUILD_ID (400: ${message}): ${GUILD_ID_WHERE}.`);
  return new ConfigError(`Registering the commands failed: ${saidBriefly(message, 300)}`);
}
