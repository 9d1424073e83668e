/** The Home tab: published each time it is opened, so it always shows the current help text. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Core } from "../../../core/index.ts";
import { renderHome } from "../render.ts";
import { replySafely, slackContext } from "./context.ts";

export type AppHomeOpenedArgs = Pick<SlackEventMiddlewareArgs<"app_home_opened">, "event" | "body"> &
  Pick<AllMiddlewareArgs, "logger"> & { client: { views: Pick<AllMiddlewareArgs["client"]["views"], "publish"> } };

export function appHomeOpened(core: Core) {
  return async ({ event, body, client, logger }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const help = await replySafely(() => core.run("help", slackContext({ userId: event.user, teamId: body.team_id })), logger);
    await client.views.publish({ user_id: event.user, view: renderHome(help) });
  };
}
