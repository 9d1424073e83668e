/**
 * Who may change a channel's subscriptions in Slack, and who may list every channel's: guards over
 * users.info. The core asks only for commands that need a permission (a search costs no call).
 */
import { z } from "zod";
import { allow, anyOf, deny, permissionChecker, type Answer, type Guard as SharedGuard } from "../shared/guards.ts";
import type { PermissionChecker } from "../../core/index.ts";

/** The one Web API method the guards use (the listener's client: the workspace's own token). */
export type UsersInfoClient = { users: { info(args: { user: string }): Promise<unknown> } };
/** What a guard looks at: the person, their workspace, and a Web API client to ask Slack. */
export type SlackWho = { userId: string; teamId?: string | undefined; client: UsersInfoClient };

export type Guard = SharedGuard<SlackWho>;

/** Everyone, when WQ_SLACK_OPEN_SUBSCRIPTIONS=true; nobody otherwise. */
export function openSubscriptions(open: boolean): Guard {
  return () => (open ? allow("subscriptions are open to everyone in this workspace") : deny("subscriptions are not open to everyone here"));
}

const Roles = z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() });
const UsersInfoSchema = z.object({ user: Roles.extend({ is_primary_owner: z.boolean().optional(), enterprise_user: Roles.optional() }) });

export interface AdminGuardOptions {
  /** How long an answer from users.info is reused; a minute by default. */
  ttlMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Workspace admins and owners (users.info is_admin / is_owner, or an Enterprise Grid org admin or
 * owner). Answers are cached briefly per workspace and user, so a run of commands costs one call.
 */
export function workspaceAdmin({ ttlMs = 60_000, now = Date.now, onError }: AdminGuardOptions = {}): Guard {
  const cache = new Map<string, { until: number; result: Answer }>();
  return async ({ userId, teamId, client }) => {
    const key = `${teamId ?? ""}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.result;
    let result: Answer;
    try {
      const { user } = UsersInfoSchema.parse(await client.users.info({ user: userId }));
      const admin = Boolean(user.is_admin || user.is_owner || user.is_primary_owner || user.enterprise_user?.is_admin || user.enterprise_user?.is_owner);
      result = admin ? allow("workspace admin or owner") : deny("only workspace admins and owners can manage subscriptions in this workspace");
    } catch (error) {
      onError?.(error);
      // Not cached: the next try may work (a network blip, or the scope granted since).
      return deny("wq could not check whether you are a workspace admin (it needs the users:read scope; ask an admin to reinstall wq)");
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { until: now() + ttlMs, result });
    return result;
  };
}

/** The guard wq uses: admins and owners, or everyone when the workspace opened subscriptions. */
export function subscriptionGuard(open: boolean, options: AdminGuardOptions = {}, admin: Guard = workspaceAdmin(options)): Guard {
  return anyOf(openSubscriptions(open), admin);
}

/**
 * The core's permission checker for one person: `manage` decides who may change a channel's
 * subscriptions, `seeWorkspace` who may list every channel's (admins and owners even where
 * subscriptions are open to everyone, as channels may be private).
 */
export function slackPermissions(who: SlackWho, guards: { manage: Guard; seeWorkspace: Guard }): PermissionChecker {
  return permissionChecker(who, { manageSubscriptions: guards.manage, seeWorkspaceSubscriptions: guards.seeWorkspace });
}
