/**
 * From text or a stored request to a Reply through the table: find the command, parse its
 * arguments once, check where it can run and what it requires, run it. Nothing here knows a
 * command by name.
 */
import type { CommandRequest } from "../../model/request.ts";
import { errorReply, failureReply, OLD_BUTTON, type Reply } from "../../model/reply.ts";
import type { CommandContext } from "../core.ts";
import { typedIn, type Call, type Command, type CommandDeps, type Typed } from "./command.ts";
import { NO_CHECKER, refusalText } from "./permissions.ts";

export type ParsedCommand = { ok: true; call: Call } | { ok: false; message: string };

function find(commands: readonly Command[], word: string): Command | undefined {
  return commands.find((c) => c.name === word || c.aliases.includes(word));
}

/** The command word and the rest of the text after `/wq`; nothing at all asks for help. */
export function splitCommand(input: string): { word: string; rest: string } {
  const text = input.trim().replace(/^\/?wq\b/i, "").trim() || "help";
  const space = text.search(/\s/);
  return { word: (space < 0 ? text : text.slice(0, space)).toLowerCase(), rest: space < 0 ? "" : text.slice(space + 1).trim() };
}

/** The text after `/wq` as a call; a mistake gets one line saying what to type instead. */
export function parseCommand(commands: readonly Command[], input: string, typed: Typed = (n) => `/wq ${n}`): ParsedCommand {
  const { word, rest } = splitCommand(input);
  const command = find(commands, word);
  if (!command) return { ok: false, message: `Unknown command "${word}". Commands: ${commands.map((c) => c.name).join(", ")}; e.g. ${typed("search")} xinjiang` };
  return command.fromText(rest, typed);
}

/** A stored request (a button's) as a call, or null when no command of this version can run it. */
export function callOf(commands: readonly Command[], request: CommandRequest): Call | null {
  return commands.find((c) => c.name === request.name)?.fromRequest(request) ?? null;
}

export interface Dispatcher {
  run(text: string, ctx: CommandContext): Promise<Reply>;
  execute(request: CommandRequest, ctx: CommandContext): Promise<Reply>;
}

/** Runs calls over `deps`; an unexpected error is reported to `onError` and answered with the one failure reply. */
export function dispatcher(deps: CommandDeps, onError?: (error: unknown, request: CommandRequest) => void): Dispatcher {
  async function perform(call: Call, ctx: CommandContext): Promise<Reply> {
    try {
      const why = call.command.unavailable(deps, ctx);
      if (why) return errorReply(why);
      const needed = call.command.requires;
      if (needed) {
        const answer = await (ctx.permissions ?? NO_CHECKER).check(needed);
        if (!answer.allowed) return errorReply(refusalText(needed, answer.reason));
      }
      return await call.run(deps, ctx);
    } catch (e) {
      onError?.(e, call.request);
      return failureReply();
    }
  }
  return {
    async run(text, ctx) {
      const parsed = parseCommand(deps.commands, text, typedIn(ctx));
      return parsed.ok ? perform(parsed.call, ctx) : errorReply(parsed.message);
    },
    async execute(request, ctx) {
      const call = callOf(deps.commands, request);
      return call ? perform(call, ctx) : errorReply(OLD_BUTTON);
    },
  };
}
