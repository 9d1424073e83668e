import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseEnv } from "./env.ts";
import { StoreEnvSchema } from "./store/open-store.ts";

export { ConfigError } from "./env.ts";

export const LogLevelSchema = z.enum(["debug", "info", "warn", "error"]);

/** The core's environment, the store's included; each adapter parses its own variables beside its code. */
export const CoreConfigSchema = StoreEnvSchema.extend({
  /**
   * The seed pages shipped with wq. By default found beside src/ or dist/ (both one level under the
   * package), so that `node /opt/wq/dist/main.js` started from any directory still finds them.
   */
  WQ_SEEDS: z.string().min(1).default(fileURLToPath(new URL("../seeds", import.meta.url))),
  /** The search index snapshot; "off" for none. Defaults to the database path plus ".index". */
  WQ_INDEX_CACHE: z.string().min(1).optional(),
  WQ_LOG_LEVEL: LogLevelSchema.default("info"),
  /** json for a log collector, pretty for a person; by default pretty on a terminal, JSON otherwise. */
  WQ_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /**
   * The bot's HTTP port (/healthz in every mode; Slack's requests in HTTP mode). Web hosts set it.
   * The console binds nothing.
   */
  PORT: z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(0).max(65535).default(3000),
});
export type CoreConfig = z.infer<typeof CoreConfigSchema>;

export function loadCoreConfig(env: NodeJS.ProcessEnv): CoreConfig {
  return parseEnv(CoreConfigSchema, env, "wq");
}

/** Where the search index snapshot lives, or null when there is none (turned off, or an in-memory database). */
export function indexCachePath(config: CoreConfig): string | null {
  if (config.WQ_INDEX_CACHE === "off") return null;
  if (config.WQ_INDEX_CACHE) return config.WQ_INDEX_CACHE;
  return config.WQ_DB === ":memory:" ? null : `${config.WQ_DB}.index`;
}
