import { afterEach, describe, expect, it } from "vitest";
import { createAlerts } from "../../../src/core/alerts/alerts.ts";
import { isLatenessDigest, latenessDigestOf, latenessSubscriptionMistake } from "../../../src/core/alerts/lateness-digest.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openCore } from "../../../src/core/open-core.ts";
import { SqliteAlertStore } from "../../../src/store/sqlite-alert-store.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { answered, ctx, makeQuestion, makeSubscription, makeWorld, type World } from "../alerts/harness.ts";

const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const DHSC = { answeringBody: { id: 17, name: "Department of Health and Social Care" } };
const FCDO = { answeringBody: { id: 208, name: "Foreign, Commonwealth and Development Office" } };

describe("which subscriptions are lateness digests", () => {
  it("is status:overdue with at most department filters, daily or weekly", () => {
    const sub = (query: string, cadence: "instant" | "daily" | "weekly" = "weekly") => makeSubscription({ query, cadence });
    expect(latenessDigestOf(sub("status:overdue"))).toBeNull();
    expect(latenessDigestOf(sub("status:overdue dept:fcdo"))).toEqual([208]);
    expect(isLatenessDigest(sub("status:overdue", "daily"))).toBe(true);
    // Anything else is an ordinary subscription to answers.
    expect(isLatenessDigest(sub("status:overdue", "instant"))).toBe(false);
    expect(isLatenessDigest(sub("nhs status:overdue"))).toBe(false);
    expect(isLatenessDigest(sub("status:overdue status:holding"))).toBe(false);
    expect(isLatenessDigest(sub("dept:dhsc"))).toBe(false);
  });
});

describe("subscribing to the lateness report", () => {
  const typed = (name: string): string => `/wq ${name}`;
  const mistake = (query: string, cadence: "instant" | "daily" | "weekly") =>
    latenessSubscriptionMistake(makeSubscription({ query, cadence }), parseQuery(query), typed);

  it("says in one line, with an example, what an overdue subscription that cannot work should be", () => {
    expect(mistake("status:overdue dept:dhsc", "instant")).toBe(
      "status:overdue questions are still waiting for an answer, so none is posted as it comes: subscribe to the lateness report with every:weekly or every:daily, e.g. /wq subscribe status:overdue dept:dhsc every:weekly",
    );
    expect(mistake("nhs status:overdue", "weekly")).toBe("The lateness report takes only dept: filters beside status:overdue, e.g. /wq subscribe status:overdue dept:dhsc every:weekly");
    expect(mistake("status:overdue dept:dhsc", "weekly")).toBeNull();
    expect(mistake("nhs", "instant")).toBeNull();
  });

  it("previews, through /wq subscribe, what the report would say today and when it first comes; the button saves it", async () => {
    const world = makeWorld("2026-11-27T12:00:00.000Z");
    const store = new SqliteStore(world.file, world.clock.now);
    const alertStore = new SqliteAlertStore(store.db);
    await store.upsertQuestions([makeQuestion({ id: "1", dateForAnswer: "2026-11-16", ...DHSC }), makeQuestion({ id: "2", dateForAnswer: "2026-11-16", ...FCDO })]);
    const { core } = await openCore({ store, alertStore, now: world.clock.now, searchWorker: false, newSubscriptionId: () => "late" });
    const preview = await core.run("subscribe status:overdue dept:dhsc every:weekly", ctx());
    expect(preview.title).toBe("Post the lateness report for status:overdue dept:dhsc in this channel?");
    expect(preview.text.split("\n").slice(0, 4)).toEqual([
      "This channel would get the overdue report every Monday at 09:00 (London time), one message, not the questions; the first on Mon 30 Nov.",
      "",
      "Today: 1 written question overdue on 27 November 2026",
      "Department of Health and Social Care: 1 overdue, median 9 working days late, worst 9 working days; oldest 1",
    ]);
    expect(preview.actions.map((a) => a.label)).toEqual(["Subscribe"]);
    const saved = await core.execute(preview.actions[0]!.request, ctx());
    expect(saved.text).toMatch(/^This channel will get the lateness report for status:overdue dept:dhsc weekly digest, Mondays at 09:00\./);
    expect((await alertStore.getSubscription("late"))?.query).toBe("status:overdue dept:dhsc");
    // The list says what it posts: a count of answers matched would be none, and mean nothing.
    const list = await core.run("subscriptions", ctx());
    expect(list.text).toContain("weekly digest, Mondays at 09:00 · this channel · by Ada, 27 November 2026 · nothing posted yet · posts the overdue report, not the questions");
    expect(list.text).not.toContain("in the last 7 days");
    expect((await core.run("subscribe status:overdue dept:dhsc", ctx())).text).toMatch(/^status:overdue questions are still waiting for an answer/);
    await store.close();
    world.cleanup();
  });
});

describe("the weekly lateness digest", () => {
  let world: World;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    world.cleanup();
  });

  /** One process over the world's database, alerts given the index as the bot gives it. */
  async function open() {
    const store = new SqliteStore(world.file, world.clock.now);
    const alertStore = new SqliteAlertStore(store.db);
    const { index } = await openCore({ store, alertStore, now: world.clock.now, searchWorker: false });
    const alerts = createAlerts({ store, alertStore, posters: [world.slack], now: world.clock.now, logger: world.logger, index, delivery: { sleep: world.clock.sleep } });
    closers.push(() => store.close());
    return { store, alertStore, index, alerts };
  }

  it("posts the overdue report once each Monday, one message, and never the questions", async () => {
    world = makeWorld("2026-11-27T12:00:00.000Z"); // Friday
    const p = await open();
    await p.alertStore.createSubscription(
      makeSubscription({ id: "late", query: "status:overdue dept:dhsc", cadence: "weekly", channel: C1, createdAt: "2026-11-27T12:00:00.000Z" }),
    );
    const questions = [
      makeQuestion({ id: "1", dateForAnswer: "2026-11-16", ...DHSC }),
      makeQuestion({ id: "2", dateForAnswer: "2026-11-23", ...DHSC }),
      answered(makeQuestion({ id: "3", dateForAnswer: "2026-11-20", ...DHSC }), "Answered.", "2026-11-27"),
      makeQuestion({ id: "4", dateForAnswer: "2026-11-16", ...FCDO }),
    ];
    const summary = await p.store.upsertQuestions(questions);
    const changed = await p.store.getQuestions(summary.changedIds);
    await p.index.upsert(changed);
    // An answer to a question of the department: the digest does not take it as an entry.
    expect(await p.alerts.onSyncChanged(changed)).toEqual({ enqueued: 0, buffered: 0 });

    for (const t of ["2026-11-28T09:00:00Z", "2026-11-30T08:59:59Z"]) {
      world.clock.set(t);
      await p.alerts.tick();
    }
    expect(world.slack.posts).toEqual([]);

    world.clock.set("2026-11-30T09:00:00Z"); // Monday 09:00 in London (GMT)
    await p.alerts.tick();
    expect(world.slack.posts).toHaveLength(1);
    const [post] = world.slack.posts;
    expect(post).toMatchObject({ kind: "digest", parentMessageId: null });
    expect(post!.reply.title).toBe("Weekly lateness report: 2 written questions overdue on 30 November 2026");
    // Due Monday 16 and Monday 23 November: 10 and 5 working days late on Monday 30 November.
    expect(post!.reply.text.split("\n")[0]).toBe("Department of Health and Social Care: 2 overdue, median 7.5 working days late, worst 10 working days; oldest 1, 2");
    expect(post!.reply.text).not.toContain("Foreign");
    expect(post!.reply.cards).toEqual([]);

    // Later ticks, and a restarted process that has lost track of when it last looked, owe nothing more.
    world.clock.set("2026-11-30T15:00:00Z");
    await p.alerts.tick();
    const again = await open();
    await again.alerts.tick();
    expect(world.slack.posts).toHaveLength(1);

    world.clock.set("2026-12-07T09:00:00Z");
    await again.alerts.tick();
    expect(world.slack.posts).toHaveLength(2);
    expect(world.slack.posts[1]!.reply.title).toBe("Weekly lateness report: 2 written questions overdue on 7 December 2026");
  });

  it("pings the subscription's notify: people on the report", async () => {
    world = makeWorld("2026-11-27T12:00:00.000Z"); // Friday
    const p = await open();
    const health = { kind: "group", id: "S0HEALTH", label: "@health-team" } as const;
    await p.alertStore.createSubscription(
      makeSubscription({ id: "late", query: "status:overdue", cadence: "weekly", channel: C1, createdAt: "2026-11-27T12:00:00.000Z", notify: [health] }),
    );
    await p.store.upsertQuestions([makeQuestion({ id: "1", dateForAnswer: "2026-11-16", ...DHSC })]);
    world.clock.set("2026-11-30T09:00:00Z");
    await p.alerts.tick();
    expect(world.slack.posts.map((post) => [post.kind, post.mentions])).toEqual([["digest", [health]]]);
  });

  it("owes nothing for a Monday before it was made", async () => {
    world = makeWorld("2026-12-01T12:00:00.000Z"); // Tuesday
    const p = await open();
    await p.alertStore.createSubscription(makeSubscription({ id: "late", query: "status:overdue", cadence: "weekly", channel: C1, createdAt: "2026-12-01T10:00:00.000Z" }));
    await p.store.upsertQuestions([makeQuestion({ id: "1", dateForAnswer: "2026-11-16", ...DHSC })]);
    await p.alerts.tick();
    expect(world.slack.posts).toEqual([]);
  });
});
