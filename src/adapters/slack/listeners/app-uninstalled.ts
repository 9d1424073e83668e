/** Forget a workspace's installation when it removes wq or revokes the bot token (OAuth installs only). */
import type { AllMiddlewareArgs, InstallationStore } from "@slack/bolt";
import { z } from "zod";

const EventBody = z.object({
  team_id: z.string().optional(),
  enterprise_id: z.string().nullish(),
  authorizations: z.array(z.object({ is_enterprise_install: z.boolean().optional() })).optional(),
  event: z.object({ type: z.string(), tokens: z.object({ bot: z.array(z.string()).optional() }).optional() }),
});

export type AppUninstalledArgs = { body: unknown } & Pick<AllMiddlewareArgs, "logger">;

export function appUninstalled(installations: Pick<InstallationStore, "deleteInstallation">) {
  return async ({ body, logger }: AppUninstalledArgs): Promise<void> => {
    const parsed = EventBody.safeParse(body);
    if (!parsed.success || !installations.deleteInstallation) return;
    const { team_id, enterprise_id, authorizations, event } = parsed.data;
    // tokens_revoked also fires for user tokens, which wq does not use.
    if (event.type === "tokens_revoked" && (event.tokens?.bot ?? []).length === 0) return;
    const isEnterpriseInstall = authorizations?.[0]?.is_enterprise_install ?? false;
    try {
      await installations.deleteInstallation({ teamId: team_id ?? "", enterpriseId: enterprise_id ?? undefined, isEnterpriseInstall });
      logger.info("wq: Slack installation removed", team_id ?? enterprise_id);
    } catch (error) {
      logger.warn("wq: could not remove Slack installation", error);
    }
  };
}
