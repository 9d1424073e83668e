/**
 * A button's custom_id carries its action: the kind and the whole CommandRequest, so a button still
 * works after a restart. A request too long for Discord's 100 characters is kept in the store under
 * a key derived from its content (the same request always gets the same key, so repeats add no rows)
 * and the custom_id carries the key.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { CommandRequestSchema, type CommandRequest } from "../../core/commands/request.ts";
import type { ActionKind } from "../../core/reply.ts";
import type { Store } from "../../store/store.ts";
import { LIMITS } from "./limits.ts";

const PREFIX = "wq";
export const META_PREFIX = "discord:action:";

const KIND_LETTER: Record<ActionKind, string> = { previous: "p", next: "n", full: "f", share: "s" };
const LETTER_KIND = Object.fromEntries(Object.entries(KIND_LETTER).map(([k, v]) => [v, k])) as Record<string, ActionKind>;

export interface ButtonAction {
  kind: ActionKind;
  request: CommandRequest;
}

export type DecodeResult = { ok: true; action: ButtonAction } | { ok: false; reason: string };

/** "wq:n:{json}" inline, or "wq:n#key" when the request lives in the store. */
export async function encodeCustomId(action: ButtonAction, store: Pick<Store, "setMeta">): Promise<string> {
  const json = JSON.stringify(action.request);
  const inline = `${PREFIX}:${KIND_LETTER[action.kind]}:${json}`;
  if (inline.length <= LIMITS.customId) return inline;
  const key = createHash("sha256").update(json).digest("base64url").slice(0, 22);
  await store.setMeta(META_PREFIX + key, json);
  return `${PREFIX}:${KIND_LETTER[action.kind]}#${key}`;
}

const CUSTOM_ID = /^wq:([a-z])(?::(.*)|#([A-Za-z0-9_-]+))$/s;

export async function decodeCustomId(customId: string, store: Pick<Store, "getMeta">): Promise<DecodeResult> {
  const m = CUSTOM_ID.exec(customId);
  const kind = m?.[1] === undefined ? undefined : LETTER_KIND[m[1]];
  if (!m || !kind) return { ok: false, reason: `not a wq button: ${customId}` };
  const json = m[3] !== undefined ? await store.getMeta(META_PREFIX + m[3]) : (m[2] ?? null);
  if (json === null) return { ok: false, reason: `stored action ${m[3] ?? ""} not found` };
  const parsed = CommandRequestSchema.safeParse(parseJson(json));
  if (!parsed.success) return { ok: false, reason: `bad action: ${z.prettifyError(parsed.error)}` };
  return { ok: true, action: { kind, request: parsed.data } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
