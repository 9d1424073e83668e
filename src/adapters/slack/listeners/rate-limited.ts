/**
 * Listener middleware in front of `/wq` and the buttons: a member or workspace over its rate gets
 * a private "slow down, try again in N s" and the core is not asked. Acknowledged first, like every
 * request, so Slack does not retry it. A click's answer is a new private message: the results or
 * preview the button sits on stay as they were.
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
