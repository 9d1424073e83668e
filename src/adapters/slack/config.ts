/** Slack settings from the environment: every problem at once, naming the variable and where to find its value. */
import { z } from "zod";
import { parseEnv } from "../../env.ts";
import { SECRET_KEY_MIN_LENGTH } from "../../store/secret-box.ts";
import { anySet, blankToUndefined, optionalEnv, type Env } from "../shared/config.ts";

/** One workspace with a bot token, or any number of workspaces installed through OAuth. */
export type SlackAuth =
  | { kind: "token"; botToken: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string };

export interface SlackConfig {
  auth: SlackAuth;
  /** HTTP: Slack posts to PORT at /slack/events (production). Socket: wq dials out (development). */
  mode: { kind: "http"; signingSecret: string; port: number } | { kind: "socket"; appToken: string };
  /** Web API base, e.g. a local fake in tests; Slack's own when absent. */
  apiUrl?: string;
  /**
   * WQ_SLACK_OPEN_SUBSCRIPTIONS=true: anyone may subscribe channels and change subscriptions;
   * otherwise only workspace admins and owners. Absent means false.
   */
  openSubscriptions?: boolean;
  /** WQ_SECRET_KEY: seals OAuth installations (bot tokens) at rest; required with OAuth. */
  secretKey?: string;
}

export const SlackConfigSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalEnv(z.string().startsWith("xoxb-", "must start with xoxb- (OAuth & Permissions > Bot User OAuth Token)")),
    SLACK_SIGNING_SECRET: optionalEnv(z.string().min(1)),
    SLACK_APP_TOKEN: optionalEnv(z.string().startsWith("xapp-", "must start with xapp- (Basic Information > App-Level Tokens, scope connections:write)")),
    SLACK_API_URL: optionalEnv(z.url({ message: "must be a URL such as https://slack.com/api/" })),
    PORT: z.preprocess(blankToUndefined, z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(0).max(65535).default(3000)),
    SLACK_CLIENT_ID: optionalEnv(z.string().min(1)),
    SLACK_CLIENT_SECRET: optionalEnv(z.string().min(1)),
    SLACK_STATE_SECRET: optionalEnv(z.string().min(16, "must be at least 16 characters (any random string; signs the OAuth state)")),
    WQ_SECRET_KEY: optionalEnv(
      z.string().min(SECRET_KEY_MIN_LENGTH, `must be at least ${SECRET_KEY_MIN_LENGTH} characters: generate one with openssl rand -base64 32, and keep it (a new key cannot read installations sealed with the old)`),
    ),
    WQ_SLACK_OPEN_SUBSCRIPTIONS: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      z.enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false (true lets everyone manage subscriptions, not only admins)" }).default("false"),
    ),
  })
  .superRefine((env, ctx) => {
    const missing = (name: keyof typeof env, why: string): void => ctx.addIssue({ code: "custom", path: [name], message: `missing: ${why}` });
    const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET].some(Boolean);
    if (oauth) {
      if (!env.SLACK_CLIENT_ID) missing("SLACK_CLIENT_ID", "needed for OAuth installs (Basic Information > App Credentials > Client ID)");
      if (!env.SLACK_CLIENT_SECRET) missing("SLACK_CLIENT_SECRET", "needed for OAuth installs (Basic Information > App Credentials > Client Secret)");
      if (!env.SLACK_STATE_SECRET) missing("SLACK_STATE_SECRET", "needed for OAuth installs (any random string of 16+ characters)");
      if (!env.WQ_SECRET_KEY) missing("WQ_SECRET_KEY", "needed for OAuth installs: it encrypts each workspace's bot token in the database (generate one with openssl rand -base64 32, and keep it)");
      if (env.SLACK_BOT_TOKEN) ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "leave unset with OAuth: each workspace gets its own token when it installs wq" });
      if (env.SLACK_APP_TOKEN) ctx.addIssue({ code: "custom", path: ["SLACK_APP_TOKEN"], message: "leave unset with OAuth: Socket Mode is for one development workspace" });
    } else if (!env.SLACK_BOT_TOKEN) {
      missing("SLACK_BOT_TOKEN", "the bot token, xoxb-… (OAuth & Permissions > Bot User OAuth Token), or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth installs");
    }
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) missing("SLACK_SIGNING_SECRET", "verifies that requests come from Slack (Basic Information > App Credentials > Signing Secret)");
    // Run even when a variable failed (a bad PORT): what is missing is reported in the same run.
    // It looks only at which variables are present, which a failed one still is.
  }, { when: () => true })
  .transform((e): SlackConfig => {
    const auth: SlackAuth =
      e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
        ? { kind: "oauth", clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET }
        : { kind: "token", botToken: e.SLACK_BOT_TOKEN ?? "" };
    const mode: SlackConfig["mode"] = e.SLACK_APP_TOKEN
      ? { kind: "socket", appToken: e.SLACK_APP_TOKEN }
      : { kind: "http", signingSecret: e.SLACK_SIGNING_SECRET ?? "", port: e.PORT };
    const openSubscriptions = ["true", "1", "yes"].includes(e.WQ_SLACK_OPEN_SUBSCRIPTIONS);
    const config: SlackConfig = { auth, mode, openSubscriptions };
    if (e.SLACK_API_URL) config.apiUrl = e.SLACK_API_URL;
    if (e.WQ_SECRET_KEY) config.secretKey = e.WQ_SECRET_KEY;
    return config;
  });

export const slackConfigured = (env: Env): boolean => anySet(env, ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_SIGNING_SECRET"]);

/** The Slack settings, or a ConfigError listing every missing or invalid variable. */
export function loadSlackConfig(env: Env): SlackConfig {
  return parseEnv(SlackConfigSchema, env, "Slack");
}
