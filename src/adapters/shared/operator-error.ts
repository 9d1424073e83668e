/**
 * A platform refusing wq's own settings (a token, an application id) is the operator's to fix, so
 * it ends the start with one line, a ConfigError printed as is: the variable, what is wrong with
 * it, what the platform said, and where to get a good value. No stack, no platform error dump.
 */
import { ConfigError } from "../../env.ts";
import { oneLine } from "./text.ts";

export function settingError(variable: string, what: string, said: string | null, where: string): ConfigError {
  return new ConfigError(`${variable} ${what}${said ? ` (${said})` : ""}: ${where}.`);
}

/** A platform's message for the operator's line: one line, at most `max` characters. */
export function saidBriefly(error: unknown, max = 200): string {
  return oneLine(error instanceof Error ? error.message : String(error)).slice(0, max);
}
