/**
 * A button's custom_id carries its action: the effect and the whole CommandRequest, so a button still
 * works after a restart. A request too long for Discord's 100 characters is kept in the store under
 * a key derived from its content (the same request always gets the same key, so repeats add no rows)
 * and the custom_id carries the key.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { CommandRequestSchema, type CommandRequest } from "../../model/request.ts";
import { legacyEffect, type ActionEffect } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { LIMITS } from "./limits.ts";

const PREFIX = "wq";
export const META_PREFIX = "discord:action:";

/** Each effect gets one letter, to leave room for the request. */
const EFFECT_CODE: Readonly<Record<ActionEffect, string>> = { replace: "r", private: "f", public: "s" };
const CODE_EFFECT: Readonly<Record<string, ActionEffect>> = Object.fromEntries(Object.entries(EFFECT_CODE).map(([k, v]) => [v, k as ActionEffect]));
/** Letters of buttons from before effects, which named the kind ("f" and "s" read the same today). */
const LEGACY_KIND: Readonly<Record<string, string>> = { n: "next", p: "previous", c: "confirm" };

export interface ButtonAction {
  effect: ActionEffect;
  request: CommandRequest;
}

function effectOf(code: string): ActionEffect | null {
  return CODE_EFFECT[code] ?? legacyEffect(LEGACY_KIND[code] ?? code);
}

export type DecodeResult = { ok: true; action: ButtonAction } | { ok: false; reason: string };

/** "wq:r:{json}" inline, or "wq:r#key" when the request lives in the store. */
export async function encodeCustomId(action: ButtonAction, store: Pick<Store, "setMeta">): Promise<string> {
  const json = JSON.stringify(action.request);
  const code = EFFECT_CODE[action.effect];
  const inline = `${PREFIX}:${code}:${json}`;
  if (inline.length <= LIMITS.customId) return inline;
  const key = createHash("sha256").update(json).digest("base64url").slice(0, 22);
  await store.setMeta(META_PREFIX + key, json);
  return `${PREFIX}:${code}#${key}`;
}

const CUSTOM_ID = /^wq:([a-z][a-z-]{0,40}?)(?::(.*)|#([A-Za-z0-9_-]+))$/s;

export async function decodeCustomId(customId: string, store: Pick<Store, "getMeta">): Promise<DecodeResult> {
  const m = CUSTOM_ID.exec(customId);
  const effect = m?.[1] === undefined ? null : effectOf(m[1]);
  if (!m || !effect) return { ok: false, reason: `not a wq button: ${customId}` };
  const json = m[3] !== undefined ? await store.getMeta(META_PREFIX + m[3]) : (m[2] ?? null);
  if (json === null) return { ok: false, reason: `stored action ${m[3] ?? ""} not found` };
  const parsed = CommandRequestSchema.safeParse(parseJson(json));
  if (!parsed.success) return { ok: false, reason: `bad action: ${z.prettifyError(parsed.error)}` };
  return { ok: true, action: { effect, request: parsed.data } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
