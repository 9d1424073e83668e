/**
 * Listener middleware in front of `/wq` and the buttons: a member or workspace over its rate gets
 * a private "slow down, try again in N s" and the core is not asked. Acknowledged first, like every
 * request, so Slack does not retry it.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { slowDownText, type RateLimiter } from "../../shared/rate-limit.ts";

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> & Pick<AllMiddlewareArgs, "next">;
type ActionArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, "body" | "ack" | "respond"> & Pick<AllMiddlewareArgs, "next">;

export function rateLimitedCommand(limiter: RateLimiter) {
  return async ({ command, ack, respond, next }: CommandArgs): Promise<void> => {
    const decision = limiter.take(command.team_id, command.user_id);
    if (decision.ok) return next();
    await ack();
    await respond({ response_type: "ephemeral", text: slowDownText(decision) });
  };
}

export function rateLimitedAction(limiter: RateLimiter) {
  return async ({ body, ack, respond, next }: ActionArgs): Promise<void> => {
    const decision = limiter.take(body.team?.id ?? body.user.team_id ?? "", body.user.id);
    if (decision.ok) return next();
    await ack();
    // A new private message: the results or preview the button sits on stay as they were.
    await respond({ response_type: "ephemeral", replace_original: false, text: slowDownText(decision) });
  };
}
