import type { CommandRequest } from "../model/request.ts";
import type { Question } from "../model/question.ts";
import type { Card, Reply } from "../model/reply.ts";
import type { PermissionChecker } from "./commands/permissions.ts";

/**
 * How a command is typed where the person is, for help and hints: `"search"` -> `"/wq search"` in
 * Slack, `"subscribe"` -> `"/wq-alerts subscribe"` in Discord, `"wq search"` on the command line.
 * Null for a command this platform does not offer (help leaves it out).
 */
export type CommandSyntax = (name: string) => string | null;

/** `/wq <name>`: the console's and Slack's syntax, and the default. */
export const slashSyntax: CommandSyntax = (name) => `/wq ${name}`;

/** Who asked and where: adapters fill it from the platform's payload. */
export interface CommandContext {
  platform: "console" | "cli" | "slack" | "discord";
  userId: string;
  userName?: string;
  /** Slack team or Discord guild; absent in the console. */
  workspaceId?: string;
  channelId?: string;
  /**
   * Answers whether this person has a permission a command requires, by the platform's rules. The
   * core asks only when a command needs it. Absent: every permission is refused.
   */
  permissions?: PermissionChecker;
  /** How commands are typed here; `/wq <name>` when absent. */
  syntax?: CommandSyntax;
}

/** What adapters call. The core knows no platform: text or a request in, a Reply out. */
export interface Core {
  /** Runs the text after `/wq` ("search xinjiang", "show 1721286", "help"). Never throws on bad input. */
  run(text: string, ctx: CommandContext): Promise<Reply>;
  /**
   * Runs a request carried by an action (a button's state, a Discord slash command's options). The
   * named command parses it; one it cannot parse answers OLD_BUTTON.
   */
  execute(request: CommandRequest, ctx: CommandContext): Promise<Reply>;
  /** A question by id, `yyyy-mm-dd/uin` or official URL; null when unknown or unparseable. */
  resolve(ref: string): Promise<Question | null>;
  /** The card for one question (what an unfurl posts), without actions. */
  card(question: Question, options?: { full?: boolean }): Card;
}
