/**
 * Fairness: a member flooding wq is told to slow down (privately, with when to try again) while
 * another workspace is answered as usual; buttons count too. The clock is injected and held
 * still, so the counts are exact and no test depends on how fast the machine is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { loadSharedConfig } from "../../src/adapters/shared/config.ts";
import { createRateLimiter } from "../../src/adapters/shared/rate-limit.ts";
import { startSlack, type SlackHandle } from "../../src/adapters/slack/index.ts";
import { APP_ID, FakeDiscord, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { buttonBody, FORM, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { FakeClock } from "../core/alerts/harness.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { allText } from "../slack/message-helpers.ts";

const SLOW = /^Slow down: You have sent a lot of commands in the last minute\. Try again in 3 s\.$/;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("the token buckets", () => {
  it("let a user's minute of commands through, then say when the next one is due", () => {
    const clock = new FakeClock(0);
    const limiter = createRateLimiter({ perUser: 20, perWorkspace: 120 }, () => clock.now().getTime());
    for (let i = 0; i < 20; i++) expect(limiter.take("T1", "U1")).toEqual({ ok: true });
    expect(limiter.take("T1", "U1")).toEqual({ ok: false, scope: "user", retryAfterSeconds: 3 });
    clock.advance(1_000);
    expect(limiter.take("T1", "U1")).toEqual({ ok: false, scope: "user", retryAfterSeconds: 2 });
    clock.advance(2_000);
    expect(limiter.take("T1", "U1")).toEqual({ ok: true });
    // The same user id in another workspace is another person.
    expect(limiter.take("T2", "U1")).toEqual({ ok: true });
  });

  it("hold a workspace to its own minute, whoever sends, and leave other workspaces alone", () => {
    const limiter = createRateLimiter({ perUser: 20, perWorkspace: 120 }, () => 0);
    for (let u = 0; u < 6; u++) for (let i = 0; i < 20; i++) expect(limiter.take("T1", `U${u}`).ok).toBe(true);
    expect(limiter.take("T1", "U-fresh")).toEqual({ ok: false, scope: "workspace", retryAfterSeconds: 1 });
    expect(limiter.take("T2", "U-fresh")).toEqual({ ok: true });
  });

  it("refuse without charging: a refused command does not push the wait further out", () => {
    const clock = new FakeClock(0);
    const limiter = createRateLimiter({ perUser: 1, perWorkspace: 0 }, () => clock.now().getTime());
    expect(limiter.take("T1", "U1").ok).toBe(true);
    for (let i = 0; i < 50; i++) limiter.take("T1", "U1");
    clock.advance(60_000);
    expect(limiter.take("T1", "U1").ok).toBe(true);
  });

  it("read their sizes from WQ_RATE_LIMIT_USER and WQ_RATE_LIMIT_WORKSPACE, 0 meaning no limit", () => {
    expect(loadSharedConfig({}).rateLimits).toEqual({ perUser: 20, perWorkspace: 120 });
    expect(loadSharedConfig({ WQ_RATE_LIMIT_USER: "5", WQ_RATE_LIMIT_WORKSPACE: "0" }).rateLimits).toEqual({ perUser: 5, perWorkspace: 0 });
    expect(() => loadSharedConfig({ WQ_RATE_LIMIT_USER: "lots" })).toThrow(/WQ_RATE_LIMIT_USER must be a whole number/);
    const off = createRateLimiter({ perUser: 0, perWorkspace: 0 }, () => 0);
    for (let i = 0; i < 1000; i++) expect(off.take("T1", "U1").ok).toBe(true);
  });
});

describe("Slack, flooded", () => {
  let fake: FakeSlack;
  let seeded: SeededCore;
  let slack: SlackHandle;
  let url: string;
  let n = 0;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    seeded = await seededCore();
    const config = { auth: { kind: "token" as const, botToken: "xoxb-t" }, mode: { kind: "http" as const, signingSecret: "s3cret", port: 0 }, apiUrl: fake.apiUrl };
    const clock = new FakeClock(Date.parse("2026-11-28T12:00:00Z"));
    slack = await startSlack({ core: seeded.core, store: seeded.store, config, logger: quiet, retries: 0, host: "127.0.0.1", rateLimits: { perUser: 20, perWorkspace: 120 }, now: clock.now });
    url = `http://127.0.0.1:${slack.port}/slack/events`;
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
    await seeded.close();
  });

  const send = async (body: (responseUrl: string) => string): Promise<string> => {
    const id = `r${++n}`;
    const sent = await sendSigned(url, "s3cret", body(fake.responseUrl(id)), { contentType: FORM });
    expect(sent.status).toBe(200);
    return id;
  };
  const answer = async (id: string): Promise<{ text: string; body: Record<string, unknown> }> => {
    await fake.waitFor(() => fake.responsesTo(id).length > 0, 10_000);
    const body = fake.responsesTo(id)[0]!.body;
    return { text: allText(body), body };
  };

  it("200 commands from one member: 20 answered, 180 told privately to slow down; another workspace is answered", async () => {
    const flooder = { userId: "UFLOOD", teamId: "T0001" };
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await send((r) => slashCommandBody("help", r, flooder)));
    const answers = await Promise.all(ids.map(answer));
    const slowed = answers.filter((a) => SLOW.test(String(a.body["text"])));
    expect(slowed).toHaveLength(180);
    for (const a of slowed) expect(a.body["response_type"]).toBe("ephemeral");
    expect(answers.slice(0, 20).every((a) => !SLOW.test(String(a.body["text"])) && /search/i.test(a.text))).toBe(true);

    // A button click from the flooder counts too.
    const click = await send((r) => buttonBody({ actionId: "wq:next:0", value: JSON.stringify({ name: "help" }), responseUrl: r, who: flooder }));
    expect(String((await answer(click)).body["text"])).toMatch(SLOW);

    // Someone in another workspace is answered as usual.
    const other = await answer(await send((r) => slashCommandBody("help", r, { userId: "UCALM", teamId: "T0002" })));
    expect(String(other.body["text"])).not.toMatch(/Slow down/);
    expect(other.text).toMatch(/search/i);
  }, 60_000);
});

describe("Discord, flooded", () => {
  let fake: FakeDiscord;
  let seeded: SeededCore;
  let bot: DiscordHandle;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    seeded = await seededCore();
    const clock = new FakeClock(Date.parse("2026-11-28T12:00:00Z"));
    bot = await startDiscord({
      core: seeded.core,
      store: seeded.store,
      config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl },
      logger: quiet,
      rest: { retries: 0, timeout: 5000 },
      rateLimits: { perUser: 20, perWorkspace: 120 },
      now: clock.now,
    });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await seeded.close();
  });

  const callback = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path.endsWith(`/${token}/callback`);

  it("200 commands from one member: 20 deferred and answered, 180 told privately to slow down; another server is answered", async () => {
    const tokens = Array.from({ length: 200 }, () => fake.command("help").token);
    const callbacks = await Promise.all(tokens.map((t) => fake.waitFor(callback(t), 20_000)));
    const bodies = callbacks.map((c) => c.body as { type: number; data?: { content?: string; flags?: number } });
    const slowed = bodies.filter((b) => b.type === 4);
    expect(slowed).toHaveLength(180);
    for (const b of slowed) {
      expect(b.data?.flags).toBe(64);
      expect(b.data?.content).toMatch(/Slow down: You have sent a lot of commands in the last minute\. Try again in 3 s\./);
    }
    expect(bodies.filter((b) => b.type === 5)).toHaveLength(20);

    const other = fake.commandAs({ guildId: "999999999999999999", userId: "666666666666666666", permissions: "3072" }, "wq", "help");
    const answered = (await fake.waitFor(callback(other.token), 10_000)).body as { type: number };
    expect(answered.type).toBe(5);
    const edit = await fake.waitFor((r) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${other.token}/messages/@original`, 10_000);
    expect(JSON.stringify(edit.body)).not.toContain("Slow down");
  }, 60_000);
});
