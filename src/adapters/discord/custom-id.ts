/**
 * A button's custom_id carries its effect and whole CommandRequest, so it works after a restart. A
 * request too long for 100 characters is kept in the store under a key from its content (repeats
 * add no rows). Discord keeps those buttons for ever, so a state unused for 30 days is deleted, at
 * start and then daily: its button then answers EXPIRED_BUTTON.
 */
import { createHash } from "node:crypto";
import { legacyEffect, type Action, type ActionEffect } from "../../model/reply.ts";
import type { Logger } from "../../logger.ts";
import type { Store } from "../../store/store.ts";
import { requestFromJson } from "../shared/json.ts";
import { LIMITS } from "./limits.ts";

export const META_PREFIX = "discord:action:";
export const BUTTON_STATE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Each effect gets one letter, to leave room for the request. */
const EFFECT_CODE: Readonly<Record<ActionEffect, string>> = { replace: "r", private: "f", public: "s" };
/** Letters of buttons from before effects, which named the kind ("f" and "s" read the same today). */
const LEGACY_KIND: Readonly<Record<string, string>> = { n: "next", p: "previous", c: "confirm" };
const CUSTOM_ID = /^wq:([a-z][a-z-]{0,40}?)(?::(.*)|#([A-Za-z0-9_-]+))$/s;

/** What a button carries: what to run, and what its answer does. */
export type ButtonAction = Pick<Action, "effect" | "request">;

/** "wq:r:{json}" inline, or "wq:r#key" when the request lives in the store. */
export async function encodeCustomId(action: ButtonAction, store: Pick<Store, "setMeta">): Promise<string> {
  const json = JSON.stringify(action.request);
  const code = EFFECT_CODE[action.effect];
  if (`wq:${code}:${json}`.length <= LIMITS.customId) return `wq:${code}:${json}`;
  const key = createHash("sha256").update(json).digest("base64url").slice(0, 22);
  await store.setMeta(META_PREFIX + key, json);
  return `wq:${code}#${key}`;
}

export async function decodeCustomId(customId: string, store: Pick<Store, "getMeta">): Promise<{ ok: true; action: ButtonAction } | { ok: false; reason: string }> {
  const m = CUSTOM_ID.exec(customId);
  const code = m?.[1] ?? "";
  const effect = (Object.keys(EFFECT_CODE) as ActionEffect[]).find((e) => EFFECT_CODE[e] === code) ?? legacyEffect(LEGACY_KIND[code] ?? code);
  if (!m || !effect) return { ok: false, reason: `not a wq button: ${customId}` };
  const json = m[3] !== undefined ? await store.getMeta(META_PREFIX + m[3]) : (m[2] ?? null);
  if (json === null) return { ok: false, reason: `stored action ${m[3] ?? ""} not found` };
  const request = requestFromJson(json);
  return request ? { ok: true, action: { effect, request } } : { ok: false, reason: `bad action: ${json.slice(0, 200)}` };
}

/** Deletes the states last written more than 30 days before `now`; returns how many. */
export function pruneButtonStates(store: Pick<Store, "pruneMeta">, now: Date): Promise<number> {
  return store.pruneMeta(META_PREFIX, new Date(now.getTime() - BUTTON_STATE_DAYS * DAY_MS));
}

export interface PruningOptions {
  store: Pick<Store, "pruneMeta">;
  now?: () => Date;
  logger: Pick<Logger, "info" | "warn">;
  /** Runs `run` every `ms` until the returned stop is called; setInterval by default (tests pass their own). */
  every?: (ms: number, run: () => void) => () => void;
}

/** Prunes now and then daily; `first` settles (never rejects) when the first prune is done. */
export function startButtonStatePruning({ store, now = () => new Date(), logger, every = repeat }: PruningOptions): { first: Promise<void>; stop(): void } {
  const prune = async (): Promise<void> => {
    try {
      const gone = await pruneButtonStates(store, now());
      if (gone > 0) logger.info(`discord: ${gone} button state(s) unused for ${BUTTON_STATE_DAYS} days deleted`);
    } catch (error) {
      // The next day tries again; buttons keep working meanwhile.
      logger.warn(`discord: pruning button states failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return { first: prune(), stop: every(DAY_MS, () => void prune()) };
}

function repeat(ms: number, run: () => void): () => void {
  // A daily chore must not keep a stopping process alive.
  const timer = setInterval(run, ms).unref();
  return () => clearInterval(timer);
}
