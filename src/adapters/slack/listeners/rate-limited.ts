/**
 * In front of `/wq` and the buttons: a member or workspace over its rate gets a private "slow down"
 * (acked first, so Slack does not retry; a new message, so the results clicked on stay) and the
 * core is not asked.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { slowDownText, type RateLimiter } from "../../shared/rate-limit.ts";

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> & Pick<AllMiddlewareArgs, "next">;
type ActionArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, "body" | "ack" | "respond"> & Pick<AllMiddlewareArgs, "next">;

export const rateLimitedCommand = (limiter: RateLimiter) => (args: CommandArgs) => limited(limiter, args.command.team_id, args.command.user_id, args);
export const rateLimitedAction = (limiter: RateLimiter) => (args: ActionArgs) => limited(limiter, args.body.team?.id ?? args.body.user.team_id ?? "", args.body.user.id, args);

async function limited(limiter: RateLimiter, team: string, user: string, { ack, respond, next }: Omit<CommandArgs | ActionArgs, "command" | "body">): Promise<void> {
  const decision = limiter.take(team, user);
  if (decision.ok) return next();
  await ack();
  await respond({ response_type: "ephemeral", replace_original: false, text: slowDownText(decision) });
}
