/** JSON that came back from a platform (a button's value, a stored record): hostile until parsed. */
import { CommandRequestSchema, type CommandRequest } from "../../model/request.ts";

/** The parsed value, or undefined when `text` is not JSON (the caller's schema then refuses it). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The command a button carries, or null when `json` is not one of ours. */
export function requestFromJson(json: string | null | undefined): CommandRequest | null {
  return json ? (CommandRequestSchema.safeParse(parseJson(json)).data ?? null) : null;
}
