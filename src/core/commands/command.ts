/**
 * One command of the table: its name, help, argument schema, how its text is read, what it
 * requires and what it runs (after the discord.js guide's `{data, execute}` and Sapphire's
 * preconditions). `defineCommand` keeps the argument type for the command's own file and hands the
 * table an erased `Command`, so the table is a plain list.
 */
import type { z } from "zod";
import type { AlertStore } from "../../model/alerts.ts";
import type { CommandRequest } from "../../model/request.ts";
import type { Reply } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";
import type { CommandContext } from "../core.ts";
import type { SearchEngine } from "../search/engine.ts";
import type { ChartRenderer } from "../trends/chart-renderer.ts";
import type { Permission } from "./permissions.ts";

/** What every command may use; openCore builds it once. */
export interface CommandDeps {
  store: Store;
  index: SearchEngine;
  /** Absent where alerts are not set up: the subscription commands say so. */
  alertStore?: AlertStore;
  now: () => Date;
  /** New subscription ids (tests pin them); default 4 random hex digits. */
  newSubscriptionId?: () => string;
  /** The table itself, for help. */
  commands: readonly Command[];
  /** Draws trend charts; default one chart worker shared by the process (trends/chart-renderer.ts). */
  charts?: ChartRenderer;
}

/** `"search"` -> how it is typed here ("/wq search"), for examples in error messages. */
export type Typed = (name: string) => string;

/** A command's arguments: an object, as a request carries them beside the command's name. */
export type ArgsSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export type TextParse<A> = { ok: true; args: A } | { ok: false; message: string };

export interface CommandSpec<S extends ArgsSchema> {
  name: string;
  /** Other words that run it (`find` for `search`). */
  aliases?: readonly string[];
  /** Its arguments in help: "<query>", "[n] [query]"; empty when it takes none. */
  usage: string;
  /** One line for help, after "usage: ". */
  summary: string;
  /** Argument texts for help's examples ("xinjiang"), shown with the command's syntax. */
  examples?: readonly string[];
  /** The arguments as a stored request carries them (the request minus its name). */
  args: S;
  /** The text after the command's name as arguments, or one line saying what to type, with an example. */
  parse(rest: string, typed: Typed): TextParse<z.output<S>>;
  /** Checked by the core, with the adapter's permission checker, before `run`. */
  requires?: Permission;
  /**
   * Why the command cannot run here at all (no channel, alerts not set up), checked before the
   * permission so a refusal is not the answer to a command that could never work; null when it can.
   */
  unavailable?(deps: CommandDeps, ctx: CommandContext): string | null;
  run(args: z.output<S>, deps: CommandDeps, ctx: CommandContext): Promise<Reply> | Reply;
}

/** A command with its arguments parsed, ready to run. */
export interface Call {
  command: Command;
  /** The same call as a request (what a button would store). */
  request: CommandRequest;
  run(deps: CommandDeps, ctx: CommandContext): Promise<Reply>;
}

/** A command as the table holds it. */
export interface Command {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly examples: readonly string[];
  readonly requires?: Permission;
  unavailable(deps: CommandDeps, ctx: CommandContext): string | null;
  fromText(rest: string, typed: Typed): { ok: true; call: Call } | { ok: false; message: string };
  /** Null when the request's arguments do not fit this command's schema (an old button). */
  fromRequest(request: CommandRequest): Call | null;
}

export interface TypedCommand<S extends ArgsSchema> extends Command {
  /** The request that runs this command with these arguments: what an action carries. */
  request(args: z.input<S>): CommandRequest;
}

export function defineCommand<S extends ArgsSchema>(spec: CommandSpec<S>): TypedCommand<S> {
  const command: TypedCommand<S> = {
    name: spec.name,
    aliases: spec.aliases ?? [],
    usage: spec.usage,
    summary: spec.summary,
    examples: spec.examples ?? [],
    ...(spec.requires ? { requires: spec.requires } : {}),
    unavailable: (deps, ctx) => spec.unavailable?.(deps, ctx) ?? null,
    fromText(rest, typed) {
      const parsed = spec.parse(rest, typed);
      return parsed.ok ? { ok: true, call: call(parsed.args) } : parsed;
    },
    fromRequest(request) {
      const { name: _name, ...rest } = request;
      const parsed = spec.args.safeParse(rest);
      return parsed.success ? call(parsed.data) : null;
    },
    // As given, defaults left out: a button's whole state must fit Discord's 100 characters.
    request: (args) => ({ ...args, name: spec.name }),
  };
  function call(args: z.output<S>): Call {
    return { command, request: { ...args, name: spec.name }, run: async (deps, ctx) => spec.run(args, deps, ctx) };
  }
  return command;
}

export const ok = <A>(args: A): TextParse<A> => ({ ok: true, args });
export const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** How commands are typed in this context, never null (a command this platform lacks reads as `/wq name`). */
export function typedIn(ctx: Pick<CommandContext, "syntax">): Typed {
  return (name) => ctx.syntax?.(name) ?? `/wq ${name}`;
}
