/**
 * A button's custom_id carries its action: the kind and the whole CommandRequest, so a button still
 * works after a restart. A request too long for Discord's 100 characters is kept in the store under
 * a key derived from its content (the same request always gets the same key, so repeats add no rows)
 * and the custom_id carries the key.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { CommandRequestSchema, type CommandRequest } from "../../model/request.ts";
import type { ActionKind } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import { LIMITS } from "./limits.ts";

const PREFIX = "wq";
export const META_PREFIX = "discord:action:";

/**
 * Known kinds get one letter, to leave room for the request; any other kind (one the core adds
 * later) travels by its name, so it is still a working button.
 */
const KIND_LETTER: Readonly<Record<string, string>> = { previous: "p", next: "n", full: "f", share: "s", confirm: "c" };
const LETTER_KIND: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(KIND_LETTER).map(([k, v]) => [v, k]));

export interface ButtonAction {
  /** An ActionKind, or a kind this adapter does not know (handled generically). */
  kind: ActionKind | (string & {});
  request: CommandRequest;
}

function codeOf(kind: string): string {
  return KIND_LETTER[kind] ?? kind;
}

function kindOf(code: string): string | undefined {
  // One letter is a known kind's code; a longer word is a kind's own name.
  return code.length === 1 ? LETTER_KIND[code] : code;
}

export type DecodeResult = { ok: true; action: ButtonAction } | { ok: false; reason: string };

/** "wq:n:{json}" inline, or "wq:n#key" when the request lives in the store. */
export async function encodeCustomId(action: ButtonAction, store: Pick<Store, "setMeta">): Promise<string> {
  const json = JSON.stringify(action.request);
  const code = codeOf(action.kind);
  const inline = `${PREFIX}:${code}:${json}`;
  if (inline.length <= LIMITS.customId) return inline;
  const key = createHash("sha256").update(json).digest("base64url").slice(0, 22);
  await store.setMeta(META_PREFIX + key, json);
  return `${PREFIX}:${code}#${key}`;
}

const CUSTOM_ID = /^wq:([a-z][a-z-]{0,40}?)(?::(.*)|#([A-Za-z0-9_-]+))$/s;

export async function decodeCustomId(customId: string, store: Pick<Store, "getMeta">): Promise<DecodeResult> {
  const m = CUSTOM_ID.exec(customId);
  const kind = m?.[1] === undefined ? undefined : kindOf(m[1]);
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
