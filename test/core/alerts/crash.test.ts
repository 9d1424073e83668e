import { afterEach, expect, it } from "vitest";
import type { AlertsOptions } from "../../../src/core/alerts/alerts.ts";
import type { OutboxItem } from "../../../src/model/alerts.ts";
import type { Question } from "../../../src/model/question.ts";
import { makeWatch } from "../../store/fixtures.ts";
import { answeredAbout, makeWorld, subscribe, syncIn, type Process, type World } from "./harness.ts";

class Killed extends Error {}

const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const C2 = { platform: "slack", workspaceId: "T1", channelId: "C2" } as const;
const D1 = { platform: "discord", workspaceId: "G1", channelId: "D1" } as const;
const CREATED = "2026-11-10T10:00:00.000Z";

let world: World | null = null;
afterEach(() => world?.cleanup());

/**
 * The delivering process is killed at every step in turn: before and after each outbox write
 * (matching and digests), before markSending, between markSending and the post, and between the
 * platform accepting a post and markSent. Each "life" dies at the first step not yet died at, and
 * the next is built fresh over the same SQLite file and carries on with the script where the last
 * one stopped (a sync re-run finds the store unchanged, as a real one would). Across all lives,
 * every expected post reaches the platform exactly once, corrections in their original's thread.
 */
it("posts everything exactly once when the process is killed at each step of delivery in turn", async () => {
  world = makeWorld("2026-11-24T12:00:00.000Z"); // Tuesday
  const w = world;
  const killedAt = new Set<string>();
  const keysOf = (items: readonly OutboxItem[]): string => items.map((i) => i.key).join(",") || "(none)";

  // Answered days ago: its correction is news, whatever the answer date.
  const q1 = answeredAbout("Xinjiang", "2026-11-18");
  const q2 = answeredAbout("Xinjiang", "2026-11-24");
  const q3 = answeredAbout("China", "2026-11-24");
  const corrected: Question = { ...q1, isCorrection: true, dateAnswerCorrected: "2026-11-24", originalAnswerText: q1.answerText, answerText: "Corrected: Xinjiang." };

  const script: Array<{ at: string; run: (p: Process) => Promise<unknown> }> = [
    { at: "2026-11-24T12:00:00Z", run: (p) => syncIn(p, [q1, q2, q3]) },
    { at: "2026-11-24T12:00:05Z", run: (p) => p.alerts.tick() },
    { at: "2026-11-24T15:00:00Z", run: (p) => syncIn(p, [corrected]) },
    { at: "2026-11-24T15:00:05Z", run: (p) => p.alerts.tick() },
    { at: "2026-11-25T09:00:00Z", run: (p) => p.alerts.tick() },
    { at: "2026-11-25T09:10:00Z", run: (p) => p.alerts.tick() },
  ];

  {
    const setup = await w.open();
    await subscribe(setup, { id: "a", query: "xinjiang", channel: C1, createdAt: CREATED });
    await subscribe(setup, { id: "b", query: "xinjiang", channel: C2, createdAt: CREATED });
    await subscribe(setup, { id: "c", query: "xinjiang", channel: D1, createdAt: CREATED });
    await subscribe(setup, { id: "d", query: "china", cadence: "daily", channel: C1, createdAt: CREATED });
    // Watches on the same path: one in the thread of a message Slack holds, one written to the person.
    await setup.alertStore.createWatch(makeWatch({ id: "wt", questionId: q2.id, target: { kind: "thread", channel: C2, messageId: "1700000000.000100" } }));
    await setup.alertStore.createWatch(makeWatch({ id: "wd", questionId: q1.id, target: { kind: "direct", platform: "slack", workspaceId: "T1", userId: "U1" } }));
    await setup.close();
  }

  let step = 0;
  let lives = 0;
  while (step < script.length) {
    lives++;
    expect(lives).toBeLessThan(200);
    const life = { dead: false };
    // A hook dies at the first point this run has not died at yet; once dead, every later hook
    // call (of work still in flight in the dead process) stops there too.
    const die = (point: string): void => {
      if (life.dead) throw new Killed("dead");
      if (killedAt.has(point)) return;
      killedAt.add(point);
      life.dead = true;
      throw new Killed(point);
    };
    const hooks: Partial<AlertsOptions> = {
      hooks: {
        beforeEnqueue: (items) => die(`before enqueue ${keysOf(items)}`),
        afterEnqueue: (items) => die(`after enqueue ${keysOf(items)}`),
        afterDigestEnqueued: (key) => die(`after digest ${key}`),
      },
      delivery: {
        hooks: {
          beforeSending: (item) => die(`before markSending ${item.key}`),
          afterSending: (item) => die(`before post ${item.key}`),
          afterPosted: (item) => die(`before markSent ${item.key}`),
        },
      },
    };
    const p = await w.open(hooks);
    try {
      await p.alerts.catchUp();
      for (; step < script.length; step++) {
        const s = script[step]!;
        if (w.clock.now().getTime() < Date.parse(s.at)) w.clock.set(s.at);
        await s.run(p);
      }
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    } finally {
      await p.close();
    }
  }

  // Every kind of step was died at, for every item.
  for (const prefix of ["before enqueue", "after enqueue", "after digest", "before markSending", "before post", "before markSent"])
    expect([...killedAt].some((k) => k.startsWith(prefix))).toBe(true);
  expect(lives).toBeGreaterThan(30);

  const posts = [...w.slack.posts, ...w.discord.posts];
  const keys = posts.map((x) => x.key).sort();
  expect(keys).toEqual(
    [
      `instant:slack:T1:C1:${q1.id}:answer`,
      `instant:slack:T1:C1:${q2.id}:answer`,
      `instant:slack:T1:C2:${q1.id}:answer`,
      `instant:slack:T1:C2:${q2.id}:answer`,
      `instant:discord:G1:D1:${q1.id}:answer`,
      `instant:discord:G1:D1:${q2.id}:answer`,
      `instant:slack:T1:C1:${q1.id}:corrected-2026-11-24`,
      `instant:slack:T1:C2:${q1.id}:corrected-2026-11-24`,
      `instant:discord:G1:D1:${q1.id}:corrected-2026-11-24`,
      "digest:d:2026-11-25T09:00:00.000Z",
      `digest-item:d:${q3.id}:answer`,
      `watch:slack:T1:C2:1700000000.000100:${q2.id}:answer`,
      `watch:slack:T1:@U1:${q1.id}:answer`,
      `watch:slack:T1:@U1:${q1.id}:corrected-2026-11-24`,
    ].sort(),
  );
  expect(posts.filter((x) => x.kind === "watch").map((x) => [x.key.split(":")[3], x.parentMessageId, x.direct]).sort()).toEqual([
    ["@U1", null, true],
    ["@U1", null, true],
    ["C2", "1700000000.000100", false],
  ]);
  for (const c of posts.filter((x) => x.kind === "correction")) {
    const original = posts.find((x) => x.key === c.key.replace(/corrected-2026-11-24$/, "answer"))!;
    expect(c.parentMessageId).toBe(original.messageId);
  }
  const digest = posts.find((x) => x.kind === "digest")!;
  expect(posts.find((x) => x.kind === "digest-item")!.parentMessageId).toBe(digest.messageId);
  expect(w.slack.findCalls).toBeGreaterThan(0);

  // And the outbox agrees: everything sent, nothing left.
  const last = await w.open();
  expect(await last.alertStore.dueItems(new Date("2100-01-01"), 100)).toEqual([]);
  await last.close();
});
