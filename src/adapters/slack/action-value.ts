/**
 * A button carries the whole command it runs, as JSON in its `value`, so a click works after a
 * restart without any server-side state. Values come back from Slack, so they are parsed again.
 */
import { CommandRequestSchema, type CommandRequest } from "../../model/request.ts";
import type { ActionKind } from "../../model/reply.ts";
import { SLACK_LIMITS } from "./limits.ts";

/** The request as a button value, or null when it would pass Slack's value limit. */
export function encodeRequest(request: CommandRequest): string | null {
  const value = JSON.stringify(request);
  return value.length <= SLACK_LIMITS.buttonValue ? value : null;
}

/** The request in a button value, or null when it is not one of ours. */
export function decodeRequest(value: string | undefined): CommandRequest | null {
  if (!value) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = CommandRequestSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Matches every wq button: `wq:<kind>:<index>`. Action ids must be unique within a message, hence
 * the index. The kind is any lowercase word, so an action kind the core adds later (a preview's
 * "confirm") is a button like the others without a change here.
 */
export const ACTION_ID_PATTERN = /^wq:([a-z][a-z-]{0,40}):\d+$/;

export function actionId(kind: ActionKind, index: number): string {
  return `wq:${kind}:${index}`;
}

/** The action kind a button's id names (one of ActionKind, or a kind this adapter does not know). */
export function kindOfActionId(id: string): string | null {
  return ACTION_ID_PATTERN.exec(id)?.[1] ?? null;
}
