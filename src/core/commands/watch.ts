/**
 * `watch`, `watching` and `unwatch`: following one question until it is settled. What they do is in
 * src/core/alerts/watch-commands.ts; here they are declared on the table. Watching for oneself needs
 * no permission; a watch that would post in a channel's thread asks the same `manageSubscriptions`
 * the subscription commands require (through the adapter's checker), and without it the watch
 * writes to the person directly instead of being refused.
 */
import { z } from "zod";
import type { Action } from "../../model/reply.ts";
import { unwatchCommand, watchCommand, watchingCommand, type WatchDeps, type WatchPlace } from "../alerts/watch-commands.ts";
import type { CommandContext } from "../core.ts";
import { defineCommand, fail, ok, typedIn, type CommandDeps } from "./command.ts";
import { NO_CHECKER } from "./permissions.ts";

function placeOf(ctx: CommandContext): WatchPlace {
  return {
    platform: ctx.platform,
    userId: ctx.userId,
    ...(ctx.userName !== undefined ? { userName: ctx.userName } : {}),
    ...(ctx.workspaceId !== undefined ? { workspaceId: ctx.workspaceId } : {}),
    ...(ctx.channelId !== undefined ? { channelId: ctx.channelId } : {}),
    ...(ctx.message !== undefined ? { message: ctx.message } : {}),
    typed: typedIn(ctx),
    mayPostInChannel: () => (ctx.permissions ?? NO_CHECKER).check("manageSubscriptions"),
  };
}

function watchDeps(deps: CommandDeps): WatchDeps {
  return { store: deps.store, now: deps.now, ...(deps.alertStore ? { alertStore: deps.alertStore } : {}) };
}

const Ref = z.object({ ref: z.string().min(1).max(500) });

export const watch = defineCommand({
  name: "watch",
  usage: "<id | yyyy-mm-dd/uin | link>",
  summary:
    "follow one question: its holding answer, answer, any correction (what changed, word by word) and a withdrawal, posted to you, or in the thread of the message you watched it from; until 30 days after the answer.",
  examples: ["2024-07-17/67"],
  args: Ref,
  parse: (rest, typed) => (rest.trim() ? ok({ ref: rest.trim() }) : fail(`Say which question to watch, e.g. ${typed("watch")} 2024-07-17/67`)),
  run: (args, deps, ctx) => watchCommand(watchDeps(deps), args.ref, placeOf(ctx)),
});

export const watching = defineCommand({
  name: "watching",
  usage: "",
  summary: "the questions you watch here, and how far each has got.",
  args: z.object({}),
  parse: (rest, typed) => (rest.trim() ? fail(`watching takes nothing more, e.g. ${typed("watching")}`) : ok({})),
  run: (_args, deps, ctx) => watchingCommand(watchDeps(deps), placeOf(ctx), unwatchAction),
});

export const unwatch = defineCommand({
  name: "unwatch",
  usage: "<watch id | question>",
  summary: "stop one of your watches.",
  examples: ["w1a2b"],
  args: Ref,
  parse: (rest, typed) => (rest.trim() ? ok({ ref: rest.trim() }) : fail(`Say which watch to stop, e.g. ${typed("unwatch")} w1a2b (${typed("watching")} lists yours)`)),
  run: (args, deps, ctx) => unwatchCommand(watchDeps(deps), args.ref, placeOf(ctx)),
});

/** Stops one watch; its answer takes the place of the list it was pressed on. */
function unwatchAction(watchId: string): Action {
  return { kind: "unwatch", label: `Unwatch ${watchId}`, style: "danger", effect: "replace", request: unwatch.request({ ref: watchId }) };
}

/** The Watch button every question card carries; its answer goes privately to whoever pressed it. */
export function watchAction(id: string): Action {
  return { kind: "watch", label: "Watch", style: "default", effect: "private", request: watch.request({ ref: id }) };
}
