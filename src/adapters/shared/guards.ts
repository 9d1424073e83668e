/**
 * Who may do what, as small composable guards (in the style of Sapphire's preconditions): a guard
 * answers `{allowed, reason}` for one person, `allOf` and `anyOf` combine guards. Each platform
 * writes its own guards over its own facts (Slack asks users.info, Discord reads the member's
 * permissions); the combinators and the bridge to the core's permission checker are shared.
 * A combination of synchronous guards stays synchronous, so a Discord guard needs no await.
 */
import type { Permission, PermissionAnswer, PermissionChecker } from "../../core/index.ts";

export type Answer = PermissionAnswer;
export type Guard<Who, R extends Answer | Promise<Answer> = Answer | Promise<Answer>> = (who: Who) => R;

export const allow = (reason = "allowed"): Answer => ({ allowed: true, reason });
export const deny = (reason: string): Answer => ({ allowed: false, reason });

/** Allowed when every guard allows (the last allowance); otherwise the first refusal. */
export function allOf<W>(...guards: Array<Guard<W, Answer>>): Guard<W, Answer>;
export function allOf<W>(...guards: Array<Guard<W>>): Guard<W, Promise<Answer>>;
export function allOf<W>(...guards: Array<Guard<W>>): Guard<W> {
  return firstWhere(guards, false, allow());
}

/** Allowed at the first guard that allows; otherwise the last refusal. */
export function anyOf<W>(...guards: Array<Guard<W, Answer>>): Guard<W, Answer>;
export function anyOf<W>(...guards: Array<Guard<W>>): Guard<W, Promise<Answer>>;
export function anyOf<W>(...guards: Array<Guard<W>>): Guard<W> {
  return firstWhere(guards, true, deny("nobody may manage subscriptions here"));
}

/** Runs guards in order until one answers `allowed === stop`; else the last answer (or `none`). */
function firstWhere<W>(guards: ReadonlyArray<Guard<W>>, stop: boolean, none: Answer): Guard<W> {
  return (who) => {
    let last = none;
    for (const [i, guard] of guards.entries()) {
      const answer = guard(who);
      // Only an asynchronous guard makes the rest asynchronous.
      if (answer instanceof Promise) return answer.then((a) => (a.allowed === stop ? a : firstWhere(guards.slice(i + 1), stop, a)(who)));
      if (answer.allowed === stop) return answer;
      last = answer;
    }
    return last;
  };
}

/** The core's permission checker for one person: which guard answers each permission. */
export function permissionChecker<W>(who: W, guards: Readonly<Record<Permission, Guard<W>>>): PermissionChecker {
  return { check: async (permission) => guards[permission](who) };
}
