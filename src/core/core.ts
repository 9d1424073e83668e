import type { CommandRequest } from "../model/request.ts";
import type { MentionResolver } from "./alerts/notify.ts";
import type { Question } from "../model/question.ts";
import type { Card, Reply } from "../model/reply.ts";

/** Who asked and where: adapters fill it from the platform's payload. */
export interface CommandContext {
  platform: "console" | "cli" | "slack" | "discord";
  userId: string;
  userName?: string;
  /** Slack team or Discord guild; absent in the console. */
  workspaceId?: string;
  channelId?: string;
  /**
   * Whether this person may create or change the channel's subscriptions, as the adapter judged
   * it by its platform's rules (Slack admins/owners, Discord Manage Channels); `reason` says why
   * not, for the refusal. Absent means no.
   */
  canManageSubscriptions?: { allowed: boolean; reason: string };
  /**
   * Whether this person may see the subscriptions of every channel of the workspace (Slack
   * workspace admins and owners, Discord members with Manage Server), private channels included.
   * Absent means no: they see their own channel's only.
   */
  seesWorkspaceSubscriptions?: boolean;
  /** Finds who a subscription's `notify:` names in this workspace; absent where nobody can be pinged. */
  resolveMentions?: MentionResolver;
}

/** What adapters call. The core knows no platform: text or a request in, a Reply out. */
export interface Core {
  /** Runs the text after `/wq` ("search xinjiang", "show 1721286", "help"). Never throws on bad input. */
  run(text: string, ctx: CommandContext): Promise<Reply>;
  /** Runs a request carried by an action (a button's state). */
  execute(request: CommandRequest, ctx: CommandContext): Promise<Reply>;
  /** A question by id, `yyyy-mm-dd/uin` or official URL; null when unknown or unparseable. */
  resolve(ref: string): Promise<Question | null>;
  /** The card for one question (what a share or an unfurl posts). */
  card(question: Question, options?: { full?: boolean }): Card;
}
