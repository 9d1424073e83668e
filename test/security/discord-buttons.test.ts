/**
 * Discord buttons: Share to channel posts only for a member who may post in that channel
 * themselves, and button states kept in the store expire after 30 days unused (fake clock).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCustomId, encodeCustomId, pruneButtonStates, startButtonStatePruning } from "../../src/adapters/discord/custom-id.ts";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { APP_ID, FakeDiscord, USER_ID, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { FakeClock } from "../core/alerts/harness.ts";
import { SEED_ID, seededCore, type SeededCore } from "../helpers/core.ts";

const VIEW = 1024n;
const SEND = 2048n;
const perms = (...bits: bigint[]): string => String(bits.reduce((a, b) => a | b, 0n));
const SHARE_SEED = `wq:s:${JSON.stringify({ name: "show", ref: SEED_ID, full: false })}`;

interface Sent {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string }>;
}

let fake: FakeDiscord;
let seeded: SeededCore;
let bot: DiscordHandle;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const isFollowUp = (token: string) => (r: RecordedRequest) => r.method === "POST" && r.path === `/webhooks/${APP_ID}/${token}`;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  seeded = await seededCore();
  bot = await startDiscord({ core: seeded.core, store: seeded.store, config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 2000 } });
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  await seeded.close();
});

describe("Share to channel", () => {
  it("is refused, privately, to a member who may not send messages in the channel (or not see it)", async () => {
    for (const p of [perms(), perms(VIEW), perms(SEND)]) {
      const { token } = fake.clickAs({ permissions: p }, SHARE_SEED);
      const post = (await fake.waitFor(isFollowUp(token))).body as Sent;
      expect(post.flags, p).toBe(64);
      expect(JSON.stringify(post), p).toContain("View Channel and Send Messages");
      expect(post.content ?? "", p).not.toContain("Shared by");
    }
  });

  it("posts publicly for a member with View Channel and Send Messages there", async () => {
    const { token } = fake.clickAs({ permissions: perms(VIEW, SEND) }, SHARE_SEED);
    const post = (await fake.waitFor(isFollowUp(token))).body as Sent;
    expect(post.content).toBe(`Shared by <@${USER_ID}>`);
    expect(post.flags ?? 0).toBe(0);
  });
});

describe("stored button states", () => {
  const longRequest = (word: string) => ({ effect: "replace" as const, request: { name: "search" as const, query: `${word} ${"x".repeat(120)}`, page: 2 } });

  it("expire 30 days after they were last written, and their button then says so", async () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00.000Z"));
    const store = new SqliteStore(":memory:", clock.now);
    const old = await encodeCustomId(longRequest("old"), store);
    expect(old).toMatch(/^wq:r#/);
    clock.advance(20 * 86_400_000);
    const recent = await encodeCustomId(longRequest("recent"), store);
    clock.advance(11 * 86_400_000); // old: 31 days, recent: 11 days
    expect(await pruneButtonStates(store, clock.now())).toBe(1);
    expect(await decodeCustomId(old, store)).toMatchObject({ ok: false, reason: expect.stringMatching(/not found/) });
    expect(await decodeCustomId(recent, store)).toMatchObject({ ok: true });
    // Other meta (the sync watermark, installations) is never touched, however old.
    await store.setMeta("sync:watermark", "1");
    clock.advance(400 * 86_400_000);
    await pruneButtonStates(store, clock.now());
    expect(await store.getMeta("sync:watermark")).toBe("1");
    await store.close();
  });

  it("showing a button again keeps its state alive", async () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00.000Z"));
    const store = new SqliteStore(":memory:", clock.now);
    const id = await encodeCustomId(longRequest("reused"), store);
    clock.advance(25 * 86_400_000);
    expect(await encodeCustomId(longRequest("reused"), store)).toBe(id);
    clock.advance(25 * 86_400_000);
    await pruneButtonStates(store, clock.now());
    expect(await decodeCustomId(id, store)).toMatchObject({ ok: true });
    await store.close();
  });

  it("are pruned at start and then every day", async () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00.000Z"));
    const store = new SqliteStore(":memory:", clock.now);
    const first = await encodeCustomId(longRequest("first"), store);
    clock.advance(31 * 86_400_000);
    const second = await encodeCustomId(longRequest("second"), store);
    const ticks: Array<{ ms: number; run: () => void }> = [];
    const pruning = startButtonStatePruning({ store, now: clock.now, logger: quiet, every: (ms, run) => (ticks.push({ ms, run }), () => {}) });
    await pruning.first;
    expect(await decodeCustomId(first, store)).toMatchObject({ ok: false });
    expect(await decodeCustomId(second, store)).toMatchObject({ ok: true });
    expect(ticks.map((t) => t.ms)).toEqual([86_400_000]);
    clock.advance(31 * 86_400_000);
    ticks[0]!.run();
    await new Promise((r) => setImmediate(r));
    expect(await decodeCustomId(second, store)).toMatchObject({ ok: false });
    pruning.stop();
    await store.close();
  });
});
