/**
 * Who may create or change a channel's subscriptions in Slack, as small composable guards (in the
 * style of Sapphire's preconditions): each answers `{allowed, reason}` for one person, `anyOf` and
 * `allOf` combine them. `slackPermissions` hands them to the core as its permission checker; the
 * core asks only for commands that need it (so a search costs no users.info call) and words the
 * refusal.
 */
import { z } from "zod";
import type { PermissionAnswer, PermissionChecker } from "../../core/index.ts";

export type Permission = PermissionAnswer;

/** What a guard looks at: the person, their workspace, and a Web API client to ask Slack. */
export interface SlackWho {
  userId: string;
  teamId?: string | undefined;
  client: UsersInfoClient;
}

/** The one Web API method the guards use (the listener's client: the workspace's own token). */
export interface UsersInfoClient {
  users: { info(args: { user: string }): Promise<unknown> };
}

export type Guard = (who: SlackWho) => Promise<Permission>;

export const allow = (reason = "allowed"): Permission => ({ allowed: true, reason });
export const deny = (reason: string): Permission => ({ allowed: false, reason });

/** Allowed when any guard allows; otherwise the last refusal's reason. */
export function anyOf(...guards: Guard[]): Guard {
  return async (who) => {
    let last = deny("nobody may manage subscriptions here");
    for (const guard of guards) {
      const result = await guard(who);
      if (result.allowed) return result;
      last = result;
    }
    return last;
  };
}

/** Allowed when every guard allows; otherwise the first refusal. */
export function allOf(...guards: Guard[]): Guard {
  return async (who) => {
    let ok = allow();
    for (const guard of guards) {
      ok = await guard(who);
      if (!ok.allowed) return ok;
    }
    return ok;
  };
}

/** Everyone, when WQ_SLACK_OPEN_SUBSCRIPTIONS=true; nobody otherwise. */
export function openSubscriptions(open: boolean): Guard {
  return async () => (open ? allow("subscriptions are open to everyone in this workspace") : deny("subscriptions are not open to everyone here"));
}

const UsersInfoSchema = z.object({
  user: z.object({
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    enterprise_user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }).optional(),
  }),
});

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
  const cache = new Map<string, { until: number; result: Permission }>();
  return async ({ userId, teamId, client }) => {
    const key = `${teamId ?? ""}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.result;
    let result: Permission;
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
  return {
    check: (permission) => (permission === "manageSubscriptions" ? guards.manage(who) : guards.seeWorkspace(who)),
  };
}
