/** A Bolt installation record as OAuth v2 leaves it, for one workspace. */
import type { Installation } from "@slack/bolt";

export function installation(teamId: string, botToken: string): Installation<"v2", false> {
  return {
    team: { id: teamId, name: "Team" },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: "UINSTALLER" },
    bot: { token: botToken, scopes: ["commands", "chat:write"], id: "B1", userId: "UBOT" },
    appId: "A0001",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}
