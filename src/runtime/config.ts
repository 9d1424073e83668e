/**
 * The process's own settings: its port and its log.
 *
 *   PORT            the bot's HTTP port (/healthz in every mode; Slack's requests in HTTP mode);
 *                   web hosts set it; the console binds nothing (default 3000)
 *   WQ_LOG_LEVEL    debug, info, warn or error (default info; warn in the console)
 *   WQ_LOG_FORMAT   json for a log collector, pretty for a person (default pretty on a terminal)
 */
import { z } from "zod";
import { parseEnv } from "../env.ts";

export const LogLevelSchema = z.enum(["debug", "info", "warn", "error"]);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export interface RuntimeConfig {
  port: number;
  /** Absent: the mode decides (info for a bot, warn for the console, whose output is the conversation). */
  logLevel?: LogLevel;
  /** Absent: pretty on a terminal, JSON otherwise. */
  logFormat?: "json" | "pretty";
}

export const RuntimeConfigSchema = z
  .object({
    PORT: z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(0).max(65535).default(3000),
    WQ_LOG_LEVEL: LogLevelSchema.optional(),
    WQ_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  })
  .transform(
    (e): RuntimeConfig => ({
      port: e.PORT,
      ...(e.WQ_LOG_LEVEL !== undefined ? { logLevel: e.WQ_LOG_LEVEL } : {}),
      ...(e.WQ_LOG_FORMAT !== undefined ? { logFormat: e.WQ_LOG_FORMAT } : {}),
    }),
  );

/** The process's settings; the ConfigError names every invalid variable. */
export function loadRuntimeConfig(env: Record<string, string | undefined>): RuntimeConfig {
  return parseEnv(RuntimeConfigSchema, env, "The process");
}
