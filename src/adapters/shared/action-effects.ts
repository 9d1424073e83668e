/**
 * What a click on a button does, read from the effect the core declared on its action, in one
 * place for every platform: the command runs, then its answer replaces the message the button was
 * on ("replace": paging, a preview's confirm), goes to the clicker alone ("private": a full
 * answer), or is posted for everyone ("public": share). An error answer never replaces what the
 * user was looking at nor goes public: it goes to the clicker alone. Adapters supply the three
 * ways of sending; how they acknowledge the click is theirs (`start`).
 */
import type { ActionEffect, Reply } from "../../model/reply.ts";

export interface EffectTargets {
  /** Before the command runs, e.g. to acknowledge the click as this effect needs (Discord defers). */
  start?: (effect: ActionEffect) => Promise<void>;
  replace(reply: Reply): Promise<void>;
  sendPrivate(reply: Reply): Promise<void>;
  postPublic(reply: Reply): Promise<void>;
}

export async function dispatchByEffect(effect: ActionEffect, run: () => Promise<Reply>, targets: EffectTargets): Promise<void> {
  await targets.start?.(effect);
  const reply = await run();
  if (reply.kind === "error") return targets.sendPrivate(reply);
  const send = { replace: targets.replace, private: targets.sendPrivate, public: targets.postPublic }[effect];
  await send.call(targets, reply);
}
