import type { z } from "zod";

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
