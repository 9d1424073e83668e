/**
 * A button carries the whole command it runs, as JSON in its `value`, so a click works after a
 * restart without any server-side state. Values come back from Slack, so they are parsed again.
 */
import type { CommandRequest } from "../../model/request.ts";
import { requestFromJson } from "../shared/json.ts";
import { ActionEffectSchema, legacyEffect, type ActionEffect } from "../../model/reply.ts";
import { SLACK_LIMITS } from "./limits.ts";

/** The request as a button value, or null when it would pass Slack's value limit. */
export function encodeRequest(request: CommandRequest): string | null {
  const value = JSON.stringify(request);
  return value.length <= SLACK_LIMITS.buttonValue ? value : null;
}

/** The request in a button value, or null when it is not one of ours. */
export const decodeRequest = (value: string | undefined): CommandRequest | null => requestFromJson(value);

/**
 * Matches every wq button: `wq:<kind>:<effect>:<index>`, and `wq:<kind>:<index>` of older versions
 * (which then answer that the button is old). Action ids must be unique within a message, hence
 * the index. The effect says what the click does with its answer; the kind only names the action.
 */
export const ACTION_ID_PATTERN = /^wq:([a-z][a-z-]{0,40})(?::([a-z]+))?:\d+$/;

export function actionId(kind: string, effect: ActionEffect, index: number): string {
  return `wq:${kind}:${effect}:${index}`;
}

/** The action kind a button's id names, or null when it is not a wq button. */
export function kindOfActionId(id: string): string | null {
  return ACTION_ID_PATTERN.exec(id)?.[1] ?? null;
}

/**
 * The effect a button's id declares (for a button of a version before effects, the one its kind
 * had), or null when it is not a wq button wq can still answer.
 */
export function effectOfActionId(id: string): ActionEffect | null {
  const m = ACTION_ID_PATTERN.exec(id);
  if (!m) return null;
  return m[2] === undefined ? legacyEffect(m[1]!) : (ActionEffectSchema.safeParse(m[2]).data ?? null);
}
