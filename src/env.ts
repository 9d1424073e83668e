import type { z } from "zod";

/**
 * A setting that is missing or wrong. `problems` holds one line per mistake ("  NAME: why"), so
 * that the whole environment's mistakes can be gathered into one error (src/config.ts).
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(message: string, problems?: readonly string[]) {
    super(message);
    this.name = "ConfigError";
    this.problems = problems ?? [message];
  }
}

/** The error for these problems, each an indented "NAME: why" line, under one heading. */
export function configErrorOf(what: string, problems: readonly string[]): ConfigError {
  return new ConfigError(`${what} is not configured correctly:\n${problems.join("\n")}\nSee .env.example.`, problems);
}

/**
 * Parses an environment with a schema; the error names every missing or invalid variable. Empty
 * values (`FOO=` in .env) count as unset.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>, what: string): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw configErrorOf(
    what,
    result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`),
  );
}
