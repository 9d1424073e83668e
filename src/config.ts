import { z } from "zod";

/** The core's environment; each adapter parses its own variables beside its code. */
export const CoreConfigSchema = z.object({
  WQ_DB: z.string().min(1).default("./data/wq.db"),
  WQ_SEEDS: z.string().min(1).default("./seeds"),
  /** The search index snapshot; "off" for none. Defaults to the database path plus ".index". */
  WQ_INDEX_CACHE: z.string().min(1).optional(),
  WQ_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});
export type CoreConfig = z.infer<typeof CoreConfigSchema>;

export class ConfigError extends Error {}

/**
 * Parses an environment with a schema; the error names every missing or invalid variable. Empty
 * values (`FOO=` in .env) count as unset.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>, what: string): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
  throw new ConfigError(`${what} is not configured correctly:\n${lines.join("\n")}\nSee .env.example.`);
}

export function loadCoreConfig(env: NodeJS.ProcessEnv): CoreConfig {
  return parseEnv(CoreConfigSchema, env, "wq");
}

/** Where the search index snapshot lives, or null when there is none (turned off, or an in-memory database). */
export function indexCachePath(config: CoreConfig): string | null {
  if (config.WQ_INDEX_CACHE === "off") return null;
  if (config.WQ_INDEX_CACHE) return config.WQ_INDEX_CACHE;
  return config.WQ_DB === ":memory:" ? null : `${config.WQ_DB}.index`;
}
