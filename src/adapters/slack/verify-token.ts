/**
 * Checks SLACK_BOT_TOKEN with auth.test before anything listens, so a revoked or mistyped token
 * ends the start with one line saying what to do, instead of an unhandled rejection once Bolt
 * meets it. Bolt then gets the bot's ids and makes no auth.test of its own.
 */
import { z } from "zod";
import { ConfigError } from "../../env.ts";
import { failFastClient, slackErrorCode } from "./poster.ts";
import { saidBriefly, settingError } from "../shared/operator-error.ts";

export type SlackIdentity = { botId: string; botUserId: string; teamId: string };

const AuthTestSchema = z.object({ bot_id: z.string().min(1), user_id: z.string().min(1), team_id: z.string().min(1) });

const WHERE = "get the current one at https://api.slack.com/apps > your app > OAuth & Permissions > Bot User OAuth Token (reinstall the app if it was revoked)";

/** Slack's answers that mean the token itself is bad, in words an operator can act on. */
const REJECTIONS: Readonly<Record<string, string>> = {
  invalid_auth: "is not a valid token",
  not_authed: "was not accepted",
  token_revoked: "has been revoked",
  token_expired: "has expired",
  account_inactive: "belongs to a deleted app or deactivated workspace",
  not_allowed_token_type: "is not a bot token",
};

/** The bot's identity, or a ConfigError whose message is one line naming SLACK_BOT_TOKEN. */
export async function verifySlackToken(token: string, options: { apiUrl?: string; timeoutMs?: number } = {}): Promise<SlackIdentity> {
  // One quick try: the start must not wait Slack's default half hour of retries.
  const client = failFastClient(token, { apiUrl: options.apiUrl, retries: 0, timeoutMs: options.timeoutMs ?? 10_000 });
  let answer: unknown;
  try {
    answer = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code) throw settingError("SLACK_BOT_TOKEN", REJECTIONS[code] ?? "was refused", `Slack said ${code}`, WHERE);
    throw new ConfigError(`SLACK_BOT_TOKEN could not be checked: Slack's auth.test did not answer (${saidBriefly(error)}); check the network and SLACK_API_URL.`);
  }
  const parsed = AuthTestSchema.safeParse(answer);
  if (!parsed.success) throw settingError("SLACK_BOT_TOKEN", "is not a bot token", "auth.test named no bot", WHERE);
  return { botId: parsed.data.bot_id, botUserId: parsed.data.user_id, teamId: parsed.data.team_id };
}

/** Socket Mode's refusal of SLACK_APP_TOKEN as a one-line ConfigError; null for anything else. */
export function appTokenError(error: unknown): ConfigError | null {
  const code = slackErrorCode(error);
  if (!code || !(code in REJECTIONS)) return null;
  const where = "create one at https://api.slack.com/apps > your app > Basic Information > App-Level Tokens, scope connections:write";
  return settingError("SLACK_APP_TOKEN", REJECTIONS[code] ?? "was refused", `Slack said ${code}`, where);
}
