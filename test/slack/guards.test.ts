/** The Slack permission guards on their own: composition, the admin check and its cache. */
import { describe, expect, test } from "vitest";
import { allOf, allow, anyOf, deny } from "../../src/adapters/shared/guards.ts";
import { openSubscriptions, slackPermissions, workspaceAdmin, type Guard, type UsersInfoClient } from "../../src/adapters/slack/guards.ts";

function client(users: Record<string, Record<string, unknown>>): UsersInfoClient & { calls: number } {
  const c = {
    calls: 0,
    users: {
      info: async ({ user }: { user: string }) => {
        c.calls += 1;
        const found = users[user];
        if (!found) throw Object.assign(new Error("user_not_found"), { data: { ok: false, error: "user_not_found" } });
        return { ok: true, user: { id: user, ...found } };
      },
    },
  };
  return c;
}

const yes: Guard = async () => allow("yes");
const no = (why: string): Guard => async () => deny(why);

describe("composition", () => {
  test("anyOf: the first that allows, else the last refusal; allOf: the first refusal", async () => {
    const who = { userId: "U1", client: client({}) };
    expect(await anyOf(no("a"), yes)(who)).toEqual(allow("yes"));
    expect(await anyOf(no("a"), no("b"))(who)).toEqual(deny("b"));
    expect(await allOf(yes, no("c"), no("d"))(who)).toEqual(deny("c"));
    expect((await allOf(yes, yes)(who)).allowed).toBe(true);
  });
});

describe("workspaceAdmin", () => {
  test("admins, owners, primary owners and Enterprise Grid org admins are allowed; members are not", async () => {
    const c = client({
      UA: { is_admin: true },
      UO: { is_owner: true },
      UP: { is_primary_owner: true },
      UE: { enterprise_user: { is_admin: true } },
      UM: { is_admin: false, is_owner: false },
    });
    const guard = workspaceAdmin();
    for (const userId of ["UA", "UO", "UP", "UE"]) expect((await guard({ userId, teamId: "T1", client: c })).allowed).toBe(true);
    expect(await guard({ userId: "UM", teamId: "T1", client: c })).toEqual(deny("only workspace admins and owners can manage subscriptions in this workspace"));
  });

  test("answers are cached per workspace and user for the TTL; failures are not cached", async () => {
    let now = 0;
    const c = client({ UA: { is_admin: true } });
    const errors: unknown[] = [];
    const guard = workspaceAdmin({ ttlMs: 1000, now: () => now, onError: (e) => errors.push(e) });
    await guard({ userId: "UA", teamId: "T1", client: c });
    await guard({ userId: "UA", teamId: "T1", client: c });
    expect(c.calls).toBe(1);
    await guard({ userId: "UA", teamId: "T2", client: c });
    expect(c.calls).toBe(2);
    now = 1500;
    await guard({ userId: "UA", teamId: "T1", client: c });
    expect(c.calls).toBe(3);
    expect((await guard({ userId: "UGONE", teamId: "T1", client: c })).allowed).toBe(false);
    await guard({ userId: "UGONE", teamId: "T1", client: c });
    expect(c.calls).toBe(5);
    expect(errors).toHaveLength(2);
  });

  test("open subscriptions let everyone through", async () => {
    const who = { userId: "U1", client: client({}) };
    expect((await openSubscriptions(true)(who)).allowed).toBe(true);
    expect((await openSubscriptions(false)(who)).allowed).toBe(false);
  });
});

describe("the permission checker the core asks", () => {
  test("each permission goes to its own guard, and only when asked", async () => {
    const asked: string[] = [];
    const manage: Guard = async (who) => (asked.push(`manage:${who.userId}`), allow("admin"));
    const seeWorkspace: Guard = async (who) => (asked.push(`workspace:${who.userId}`), deny("not an owner"));
    const permissions = slackPermissions({ userId: "U1", teamId: "T1", client: client({}) }, { manage, seeWorkspace });
    expect(asked).toEqual([]);
    expect(await permissions.check("manageSubscriptions")).toEqual({ allowed: true, reason: "admin" });
    expect(await permissions.check("seeWorkspaceSubscriptions")).toEqual({ allowed: false, reason: "not an owner" });
    expect(asked).toEqual(["manage:U1", "workspace:U1"]);
  });
});
