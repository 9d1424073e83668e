/**
 * A button carries the whole command it runs, as JSON in its `value`, so a click works after a
 * restart without any server-side state. Values come back from Slack, so they are parsed again.
 */
import { CommandRequestSchema, type CommandRequest } from "../../core/commands/request.ts";
import type { ActionKind } from "../../core/reply.ts";
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

const KINDS: readonly ActionKind[] = ["previous", "next", "full", "share"];

/** Matches every wq button; action ids must be unique within a message, hence the index. */
export const ACTION_ID_PATTERN = /^wq:(previous|next|full|share):\d+$/;

export function actionId(kind: ActionKind, index: number): string {
  return `wq:${kind}:${index}`;
}

export function kindOfActionId(id: string): ActionKind | null {
  const match = ACTION_ID_PATTERN.exec(id);
  const kind = KINDS.find((k) => k === match?.[1]);
  return kind ?? null;
}
