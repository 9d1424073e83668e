import { describe, expect, it } from "vitest";
import type { MentionResolver } from "../../../src/core/alerts/notify.ts";
import { takeNotify } from "../../../src/core/alerts/notify.ts";
import { ctx, worldEachTest } from "./harness.ts";

const NOW = "2026-11-27T12:00:00.000Z";

/** A workspace that knows one group, as an adapter's resolver would answer. */
const resolver: MentionResolver = async (names) => {
  if (names.every((n) => n === "@health-team")) return { ok: true, mentions: [{ kind: "group", id: "S0HEALTH", label: "@health-team" }] };
  return { ok: false, message: `No user group ${names.find((n) => n !== "@health-team")} in this workspace, e.g. notify:@health-team` };
};

describe("subscribe with notify:", () => {
  const t = worldEachTest(NOW);

  it("takes notify: out of the query, shows it in the preview, and saves who it found by id", async () => {
    expect(takeNotify("dept:dhsc notify:@a,@b every:daily")).toEqual({ ok: true, rest: "dept:dhsc every:daily", names: ["@a", "@b"] });
    expect(takeNotify("x notify:").ok).toBe(false);
    expect(takeNotify("x notify:@a,@b,@c,@d,@e,@f").ok).toBe(false);

    const here = ctx({ resolveMentions: resolver });
    const preview = await t.p.core.run("subscribe dept:dhsc notify:@health-team", here);
    expect(preview.text).toContain("Each post will notify @health-team.");
    const saved = await t.p.core.execute({ name: "subscribe", text: "dept:dhsc notify:@health-team", confirm: true }, here);
    expect(saved.title).toBe("Subscribed: dept:dhsc");
    const [sub] = await t.p.alertStore.listSubscriptions({ platform: "slack", workspaceId: "T1" });
    expect(sub).toMatchObject({ query: "dept:dhsc", notify: [{ kind: "group", id: "S0HEALTH", label: "@health-team" }] });
    expect((await t.p.core.run("subscriptions", here)).text).toContain("notifies @health-team");
  });

  it("refuses a name the workspace does not have, and notify: where nobody can be checked, saving nothing", async () => {
    const refused = await t.p.core.execute({ name: "subscribe", text: "dept:dhsc notify:@nobody", confirm: true }, ctx({ resolveMentions: resolver }));
    expect(refused).toMatchObject({ kind: "error", text: "No user group @nobody in this workspace, e.g. notify:@health-team" });
    const nowhere = await t.p.core.execute({ name: "subscribe", text: "dept:dhsc notify:@health-team", confirm: true }, ctx());
    expect(nowhere.kind).toBe("error");
    expect(nowhere.text).toMatch(/^notify: is not available here/);
    expect(await t.p.alertStore.listSubscriptions({ platform: "slack", workspaceId: "T1" })).toEqual([]);
  });
});
