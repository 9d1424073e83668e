/**
 * What a command may require of the person running it. The core asks the adapter's checker only
 * when a command needs the answer (so a search costs Slack no users.info call); the adapter keeps
 * its own rules of who is allowed (Slack admins, Discord Manage Channels) and no list of commands.
 */
export type Permission =
  /** Create, change, pause or remove the subscriptions of the channel the command is run in. */
  | "manageSubscriptions"
  /** See the subscriptions of every channel of the workspace or server, private channels too. */
  | "seeWorkspaceSubscriptions";

export interface PermissionAnswer {
  allowed: boolean;
  /** Why (not): shown in a refusal, e.g. "only workspace admins and owners can manage subscriptions". */
  reason: string;
}

/** Supplied by the adapter in the command context. */
export interface PermissionChecker {
  check(permission: Permission): Promise<PermissionAnswer>;
}

/** Where no checker was given (the console, the command line), nothing that needs a permission runs. */
export const NO_CHECKER: PermissionChecker = {
  check: async () => ({ allowed: false, reason: "your permissions could not be checked" }),
};

/** A checker with fixed answers (tests, and places where the answer is known up front); absent ones are refused. */
export function fixedPermissions(answers: Partial<Record<Permission, PermissionAnswer | boolean>>): PermissionChecker {
  return {
    async check(permission) {
      const answer = answers[permission];
      if (answer === undefined) return NO_CHECKER.check(permission);
      return typeof answer === "boolean" ? { allowed: answer, reason: answer ? "allowed" : "not allowed" } : answer;
    },
  };
}

/** The one-line refusal for a command that required `permission`. */
export function refusalText(permission: Permission, reason: string): string {
  switch (permission) {
    case "manageSubscriptions":
      return `You cannot change this channel's subscriptions: ${reason}.`;
    case "seeWorkspaceSubscriptions":
      return `You cannot see this workspace's subscriptions: ${reason}.`;
  }
}
