/**
 * Settings every chat adapter shares: fairness.
 *
 *   WQ_RATE_LIMIT_USER        commands (and button clicks) a minute per member; 0 = no limit (default 20)
 *   WQ_RATE_LIMIT_WORKSPACE   the same per Slack workspace or Discord server (default 120)
 */
import { z } from "zod";
import { parseEnv } from "../../env.ts";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./rate-limit.ts";

export type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `.env` files often hold `NAME=`. */
export const blankToUndefined = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optionalEnv = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Whether the environment asks for a platform at all (any of its variables set): then its loader reports what is missing. */
export const anySet = (env: Env, names: readonly string[]): boolean => names.some((name) => (env[name] ?? "").trim() !== "");

export interface SharedConfig {
  rateLimits: RateLimits;
}

const Count = (name: string, fallback: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number of commands a minute (0 = no limit)` })
    .int(`${name} must be a whole number of commands a minute (0 = no limit)`)
    .min(0, `${name} must be 0 (no limit) or more`)
    .max(100_000, `${name} must be at most 100000`)
    .default(fallback);

export const SharedConfigSchema = z
  .object({
    WQ_RATE_LIMIT_USER: Count("WQ_RATE_LIMIT_USER", DEFAULT_RATE_LIMITS.perUser),
    WQ_RATE_LIMIT_WORKSPACE: Count("WQ_RATE_LIMIT_WORKSPACE", DEFAULT_RATE_LIMITS.perWorkspace),
  })
  .transform((e): SharedConfig => ({ rateLimits: { perUser: e.WQ_RATE_LIMIT_USER, perWorkspace: e.WQ_RATE_LIMIT_WORKSPACE } }));

/** The chat adapters' shared settings; the ConfigError names every invalid variable. */
export function loadSharedConfig(env: Env): SharedConfig {
  return parseEnv(SharedConfigSchema, env, "Rate limits");
}
