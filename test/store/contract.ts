/**
 * The behaviour every Store and AlertStore must have, written once and run against each backend
 * (sqlite.test.ts, postgres.test.ts). A backend is opened fresh for each test; `open()` may be
 * called more than once and every handle sees the same data (a second process, or a second pool).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertStore } from "../../src/model/alerts.ts";
import type { Store } from "../../src/store/store.ts";
import { answered, makeItem, makeQuestion, makeSubscription, makeWatch } from "./fixtures.ts";

export interface Backend<T> {
  open(): Promise<T>;
  /** Closes every handle still open (a test may have closed some) and removes the data. */
  cleanup(): Promise<void>;
}

export type BackendFactory<T> = () => Promise<Backend<T>>;

function useBackend<T>(factory: BackendFactory<T>): { backend: () => Backend<T>; handle: () => T } {
  let backend: Backend<T> | null = null;
  let handle: T | null = null;
  beforeEach(async () => {
    backend = await factory();
    handle = await backend.open();
  });
  afterEach(async () => {
    await backend?.cleanup();
    backend = null;
    handle = null;
  });
  return {
    backend: () => backend!,
    handle: () => handle!,
  };
}

export function storeContract(name: string, factory: BackendFactory<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const ctx = useBackend(factory);
    const store = (): Store => ctx.handle();

    it("inserts a new question and reads it back unchanged", async () => {
      const q = makeQuestion({ id: "1" });
      expect(await store().upsertQuestions([q])).toEqual({ inserted: 1, updated: 0, unchanged: 0, changedIds: ["1"] });
      expect(await store().getQuestion("1")).toEqual(q);
      expect(await store().getQuestion("2")).toBeNull();
      expect(await store().countQuestions()).toBe(1);
    });

    it("does nothing for an empty batch", async () => {
      expect(await store().upsertQuestions([])).toEqual({ inserted: 0, updated: 0, unchanged: 0, changedIds: [] });
    });

    it("replaces an older version with a newer one", async () => {
      const q = makeQuestion({ id: "1" });
      await store().upsertQuestions([q]);
      const a = answered(q, "The answer.");
      expect(await store().upsertQuestions([a])).toEqual({ inserted: 0, updated: 1, unchanged: 0, changedIds: ["1"] });
      expect(await store().getQuestion("1")).toEqual(a);
    });

    it("ignores an older version and an identical copy", async () => {
      const q = makeQuestion({ id: "1" });
      const a = answered(q, "The answer.");
      await store().upsertQuestions([a]);
      expect(await store().upsertQuestions([q, a])).toEqual({ inserted: 0, updated: 0, unchanged: 2, changedIds: [] });
      expect(await store().getQuestion("1")).toEqual(a);
    });

    it("keeps the complete text when the same version arrives truncated", async () => {
      const full = answered(makeQuestion({ id: "1", questionText: "The whole question, every word." }), "The whole answer, every word.");
      await store().upsertQuestions([full]);
      const truncated = { ...full, heading: "A corrected heading", questionText: "The whole…", answerText: "The whole…", textComplete: false };
      expect((await store().upsertQuestions([truncated])).updated).toBe(1);
      const stored = await store().getQuestion("1");
      expect(stored?.heading).toBe("A corrected heading");
      expect(stored?.questionText).toBe("The whole question, every word.");
      expect(stored?.answerText).toBe("The whole answer, every word.");
      expect(stored?.textComplete).toBe(true);
    });

    it("keeps the original answer when a correction arrives without it", async () => {
      const first = answered(makeQuestion({ id: "1" }), "The first answer.");
      await store().upsertQuestions([first]);
      const correction = {
        ...answered(first, "The corrected answer."),
        isCorrection: true,
        dateAnswerCorrected: "2026-11-20",
        originalAnswerText: null,
      };
      expect((await store().upsertQuestions([correction])).updated).toBe(1);
      const stored = await store().getQuestion("1");
      expect(stored?.answerText).toBe("The corrected answer.");
      expect(stored?.originalAnswerText).toBe("The first answer.");
    });

    it("merges a repeated id within one batch in order", async () => {
      const q = makeQuestion({ id: "1" });
      const a = answered(q, "The answer.");
      expect(await store().upsertQuestions([q, a, q])).toEqual({ inserted: 1, updated: 1, unchanged: 1, changedIds: ["1", "1"] });
      expect(await store().getQuestion("1")).toEqual(a);
    });

    it("counts inserts, updates and keeps in one mixed batch, changed ids in input order", async () => {
      await store().upsertQuestions([makeQuestion({ id: "2" }), makeQuestion({ id: "3" })]);
      const summary = await store().upsertQuestions([
        makeQuestion({ id: "4" }),
        makeQuestion({ id: "3" }),
        answered(makeQuestion({ id: "2" }), "Yes."),
        makeQuestion({ id: "1" }),
      ]);
      expect(summary).toEqual({ inserted: 2, updated: 1, unchanged: 1, changedIds: ["4", "2", "1"] });
    });

    it("returns getQuestions in the order asked, skipping unknown ids", async () => {
      await store().upsertQuestions(["a", "b", "c"].map((id) => makeQuestion({ id })));
      const got = await store().getQuestions(["c", "missing", "a", "b"]);
      expect(got.map((q) => q.id)).toEqual(["c", "a", "b"]);
      expect(await store().getQuestions([])).toEqual([]);
    });

    it("finds a question by date tabled and UIN, ignoring the UIN's case", async () => {
      const q = makeQuestion({ id: "1", uin: "HL1234", dateTabled: "2026-11-02" });
      await store().upsertQuestions([q, makeQuestion({ id: "2", uin: "HL1234", dateTabled: "2026-11-03" })]);
      expect((await store().findByUin("2026-11-02", "HL1234"))?.id).toBe("1");
      expect((await store().findByUin("2026-11-02", "hl1234"))?.id).toBe("1");
      expect((await store().findByUin("2026-11-03", "HL1234"))?.id).toBe("2");
      expect(await store().findByUin("2026-11-04", "HL1234")).toBeNull();
      expect(await store().findByUin("2026-11-02", "HL9999")).toBeNull();
    });

    it("returns every question in id-ordered batches of the size asked", async () => {
      const ids = ["05", "01", "04", "02", "03"];
      await store().upsertQuestions(ids.map((id) => makeQuestion({ id })));
      const batches: string[][] = [];
      for await (const batch of store().allQuestions(2)) batches.push(batch.map((q) => q.id));
      expect(batches).toEqual([["01", "02"], ["03", "04"], ["05"]]);
      let all = 0;
      for await (const batch of store().allQuestions()) all += batch.length;
      expect(all).toBe(5);
    });

    it("yields no batch when empty", async () => {
      const batches: unknown[] = [];
      for await (const batch of store().allQuestions(10)) batches.push(batch);
      expect(batches).toEqual([]);
      expect(await store().countQuestions()).toBe(0);
    });

    it("orders ids by their bytes, as SQLite does", async () => {
      const ids = ["a", "B", "seed-1", "10", "9", "Z"];
      await store().upsertQuestions(ids.map((id) => makeQuestion({ id })));
      const seen: string[] = [];
      for await (const batch of store().allQuestions(4)) seen.push(...batch.map((q) => q.id));
      expect(seen).toEqual(["10", "9", "B", "Z", "a", "seed-1"]);
    });

    it("keeps meta values, replacing on a second set", async () => {
      expect(await store().getMeta("sync")).toBeNull();
      await store().setMeta("sync", '{"watermark":"2026-11-01"}');
      await store().setMeta("other", "1");
      expect(await store().getMeta("sync")).toBe('{"watermark":"2026-11-01"}');
      await store().setMeta("sync", '{"watermark":"2026-11-02"}');
      expect(await store().getMeta("sync")).toBe('{"watermark":"2026-11-02"}');
      expect(await store().getMeta("other")).toBe("1");
    });

    it("shares its data with a second handle (another process) and keeps it across a reopen", async () => {
      const q = answered(makeQuestion({ id: "1" }), "Shared.");
      await store().upsertQuestions([q]);
      await store().setMeta("k", "v");
      const other = await ctx.backend().open();
      expect(await other.getQuestion("1")).toEqual(q);
      expect(await other.getMeta("k")).toBe("v");
      // Every handle closed (the process ended), then opened again: the data is still there.
      await store().close();
      await other.close();
      const reopened = await ctx.backend().open();
      expect(await reopened.getQuestion("1")).toEqual(q);
      expect(await reopened.getMeta("k")).toBe("v");
      expect(await reopened.countQuestions()).toBe(1);
    });

    // The "at once" cases check what concurrent calls leave behind; they need not overlap inside
    // the database (SQLite is synchronous, PostgreSQL writers take a lock first). The retry paths
    // that a real overlap drives are in postgres-retry.test.ts.
    it("keeps the newest version when two handles upsert the same questions at once", async () => {
      const other = await ctx.backend().open();
      const ids = Array.from({ length: 40 }, (_, i) => String(1000 + i));
      const older = ids.map((id) => makeQuestion({ id }));
      const newer = ids.map((id) => answered(makeQuestion({ id }), `Answer ${id}.`));
      const [x, y] = await Promise.all([store().upsertQuestions(older), other.upsertQuestions([...newer].reverse())]);
      // Each id was inserted once; the answered copy won whichever came first.
      expect(x.inserted + y.inserted).toBe(ids.length);
      const stored = await store().getQuestions(ids);
      expect(stored.map((q) => q.answerText)).toEqual(ids.map((id) => `Answer ${id}.`));
      expect(await store().countQuestions()).toBe(ids.length);
    });

    it("tells the newest answer date held", async () => {
      expect(await store().newestAnswerDate()).toBeNull();
      await store().upsertQuestions([makeQuestion({ id: "1" })]);
      expect(await store().newestAnswerDate()).toBeNull();
      const a = answered(makeQuestion({ id: "2" }), "Yes.");
      await store().upsertQuestions([a]);
      expect(await store().newestAnswerDate()).toBe(a.dateAnswered);
    });

    it("tells the oldest answer date held, unanswered questions aside", async () => {
      expect(await store().oldestAnswerDate()).toBeNull();
      await store().upsertQuestions([makeQuestion({ id: "1" })]);
      expect(await store().oldestAnswerDate()).toBeNull();
      await store().upsertQuestions([answered(makeQuestion({ id: "2" }), "Yes.", "2025-03-04"), answered(makeQuestion({ id: "3" }), "No.", "2024-01-02")]);
      expect(await store().oldestAnswerDate()).toBe("2024-01-02");
      expect(await store().newestAnswerDate()).toBe("2025-03-04");
    });

    it("numbers its writes, and hands back what changed after a revision, in batches", async () => {
      expect(await store().revision()).toBe(0);
      await store().upsertQuestions([makeQuestion({ id: "1" }), makeQuestion({ id: "2" })]);
      const r1 = await store().revision();
      expect(r1).toBeGreaterThan(0);
      // Nothing changed: no new revision.
      await store().upsertQuestions([makeQuestion({ id: "1" })]);
      expect(await store().revision()).toBe(r1);
      await store().upsertQuestions([answered(makeQuestion({ id: "2" }), "Now answered."), makeQuestion({ id: "3" })]);
      const r2 = await store().revision();
      expect(r2).toBeGreaterThan(r1);
      const since = async (r: number, batch?: number): Promise<string[][]> => {
        const out: string[][] = [];
        for await (const b of store().changedSince(r, batch)) out.push(b.map((q) => q.id));
        return out;
      };
      expect(await since(r1)).toEqual([["2", "3"]]);
      expect((await since(0, 2)).flat().sort()).toEqual(["1", "2", "3"]);
      expect(await since(0, 2)).toHaveLength(2);
      expect(await since(r2)).toEqual([]);
    });

    it("gives writes from two handles ever-higher revisions", async () => {
      const other = await ctx.backend().open();
      await Promise.all([
        store().upsertQuestions([makeQuestion({ id: "a" })]),
        other.upsertQuestions([makeQuestion({ id: "b" })]),
      ]);
      const r = await store().revision();
      await other.upsertQuestions([makeQuestion({ id: "c" })]);
      const after: string[] = [];
      for await (const b of store().changedSince(r)) after.push(...b.map((q) => q.id));
      expect(after).toEqual(["c"]);
    });
  });
}

export function alertStoreContract(name: string, factory: BackendFactory<AlertStore>): void {
  describe(`AlertStore contract: ${name}`, () => {
    const ctx = useBackend(factory);
    const alerts = (): AlertStore => ctx.handle();

    describe("subscriptions", () => {
      it("creates, reads, updates and deletes", async () => {
        const s = makeSubscription({ id: "s1" });
        await alerts().createSubscription(s);
        expect(await alerts().getSubscription("s1")).toEqual(s);
        expect(await alerts().getSubscription("nope")).toBeNull();

        await alerts().updateSubscription("s1", { paused: true, pausedReason: "paused by Ada" });
        expect(await alerts().getSubscription("s1")).toEqual({ ...s, paused: true, pausedReason: "paused by Ada" });
        await alerts().updateSubscription("s1", { lastPostAt: "2026-11-28T11:00:00.000Z" });
        expect(await alerts().getSubscription("s1")).toEqual({
          ...s,
          paused: true,
          pausedReason: "paused by Ada",
          lastPostAt: "2026-11-28T11:00:00.000Z",
        });
        await alerts().updateSubscription("s1", { paused: false, pausedReason: null });
        expect((await alerts().getSubscription("s1"))?.paused).toBe(false);

        expect(await alerts().deleteSubscription("s1")).toBe(true);
        expect(await alerts().deleteSubscription("s1")).toBe(false);
        expect(await alerts().getSubscription("s1")).toBeNull();
      });

      it("rejects a second subscription with the same id", async () => {
        await alerts().createSubscription(makeSubscription({ id: "s1" }));
        await expect(alerts().createSubscription(makeSubscription({ id: "s1", query: "other" }))).rejects.toThrow();
      });

      it("lists a workspace's or a channel's subscriptions and nothing of another workspace", async () => {
        const subs = [
          makeSubscription({ id: "a", channel: { platform: "slack", workspaceId: "T1", channelId: "C1" } }),
          makeSubscription({ id: "b", channel: { platform: "slack", workspaceId: "T1", channelId: "C2" }, createdAt: "2026-11-28T10:01:00.000Z" }),
          makeSubscription({ id: "c", channel: { platform: "slack", workspaceId: "T2", channelId: "C1" } }),
          makeSubscription({ id: "d", channel: { platform: "discord", workspaceId: "T1", channelId: "C1" } }),
        ];
        for (const s of subs) await alerts().createSubscription(s);
        const ids = async (f: Parameters<AlertStore["listSubscriptions"]>[0]): Promise<string[]> =>
          (await alerts().listSubscriptions(f)).map((s) => s.id).sort();
        expect(await ids({ platform: "slack", workspaceId: "T1" })).toEqual(["a", "b"]);
        expect(await ids({ platform: "slack", workspaceId: "T1", channelId: "C2" })).toEqual(["b"]);
        expect(await ids({ platform: "slack", workspaceId: "T2" })).toEqual(["c"]);
        expect(await ids({ platform: "discord", workspaceId: "T1" })).toEqual(["d"]);
        expect(await ids({ platform: "discord", workspaceId: "T2" })).toEqual([]);
        expect(await ids({ platform: "slack", workspaceId: "T3", channelId: "C1" })).toEqual([]);
      });

      it("lists only unpaused subscriptions as active", async () => {
        await alerts().createSubscription(makeSubscription({ id: "on" }));
        await alerts().createSubscription(makeSubscription({ id: "off", paused: true, pausedReason: "channel not found" }));
        await alerts().createSubscription(makeSubscription({ id: "later" }));
        await alerts().updateSubscription("later", { paused: true, pausedReason: "paused by Ada" });
        expect((await alerts().activeSubscriptions()).map((s) => s.id)).toEqual(["on"]);
      });
    });

    describe("outbox", () => {
      it("enqueues an item once per key", async () => {
        expect(await alerts().enqueue([makeItem({ key: "k1" }), makeItem({ key: "k2" })])).toBe(2);
        expect(await alerts().enqueue([makeItem({ key: "k1", kind: "correction" }), makeItem({ key: "k3" })])).toBe(1);
        expect(await alerts().enqueue([])).toBe(0);
        expect((await alerts().getItem("k1"))?.kind).toBe("instant");
        expect(await alerts().getItem("k1")).toEqual(makeItem({ key: "k1" }));
        expect(await alerts().getItem("missing")).toBeNull();
      });

      it("counts a key repeated within one batch once", async () => {
        expect(await alerts().enqueue([makeItem({ key: "k1" }), makeItem({ key: "k1" })])).toBe(1);
      });

      it("stores an item once when two handles enqueue the same keys at the same time", async () => {
        const other = await ctx.backend().open();
        const batch = Array.from({ length: 30 }, (_, i) => makeItem({ key: `k${i}` }));
        const counts = await Promise.all([
          alerts().enqueue(batch),
          other.enqueue([...batch].reverse()),
          alerts().enqueue(batch.slice(10)),
          other.enqueue(batch.slice(0, 5)),
        ]);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
        expect(await alerts().dueItems(new Date("2026-11-28T12:00:00Z"), 100)).toHaveLength(30);
      });

      it("lists due items oldest first, in enqueue order on a tie, up to the limit", async () => {
        await alerts().enqueue([
          makeItem({ key: "late", createdAt: "2026-11-28T10:05:00.000Z" }),
          makeItem({ key: "early", createdAt: "2026-11-28T10:01:00.000Z" }),
          makeItem({ key: "tie-1", createdAt: "2026-11-28T10:03:00.000Z" }),
          makeItem({ key: "tie-2", createdAt: "2026-11-28T10:03:00.000Z" }),
        ]);
        const now = new Date("2026-11-28T12:00:00Z");
        expect((await alerts().dueItems(now, 10)).map((i) => i.key)).toEqual(["early", "tie-1", "tie-2", "late"]);
        expect((await alerts().dueItems(now, 2)).map((i) => i.key)).toEqual(["early", "tie-1"]);
      });

      it("holds back an item until its notBefore", async () => {
        await alerts().enqueue([
          makeItem({ key: "now" }),
          makeItem({ key: "later", notBefore: "2026-11-28T12:30:00.000Z" }),
        ]);
        expect((await alerts().dueItems(new Date("2026-11-28T12:00:00Z"), 10)).map((i) => i.key)).toEqual(["now"]);
        expect((await alerts().dueItems(new Date("2026-11-28T12:30:00Z"), 10)).map((i) => i.key)).toEqual(["now", "later"]);
      });

      it("moves an item through sending, retry, sending and sent", async () => {
        await alerts().enqueue([makeItem({ key: "k1" })]);
        const now = new Date("2026-11-28T12:00:00Z");

        await alerts().markSending("k1");
        let item = await alerts().getItem("k1");
        expect(item?.state).toBe("sending");
        expect(item?.attempts).toBe(1);
        // A crash now leaves it "maybe sent": it stays due so that delivery can check and finish it.
        expect((await alerts().dueItems(now, 10)).map((i) => i.key)).toEqual(["k1"]);

        await alerts().markRetry("k1", "HTTP 503", new Date("2026-11-28T12:01:00Z"));
        item = await alerts().getItem("k1");
        expect(item).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 503", notBefore: "2026-11-28T12:01:00.000Z" });
        expect(await alerts().dueItems(now, 10)).toEqual([]);
        expect((await alerts().dueItems(new Date("2026-11-28T12:01:00Z"), 10)).map((i) => i.key)).toEqual(["k1"]);

        await alerts().markSending("k1");
        expect((await alerts().getItem("k1"))?.attempts).toBe(2);
        await alerts().markSent("k1", "1732795200.000100");
        item = await alerts().getItem("k1");
        expect(item).toMatchObject({ state: "sent", messageId: "1732795200.000100", attempts: 2 });
        expect(await alerts().dueItems(new Date("2026-11-29T00:00:00Z"), 10)).toEqual([]);
      });

      it("marks an item failed for good", async () => {
        await alerts().enqueue([makeItem({ key: "k1" }), makeItem({ key: "k2" })]);
        await alerts().markSending("k1");
        await alerts().markFailed("k1", "channel not found");
        expect(await alerts().getItem("k1")).toMatchObject({ state: "failed", lastError: "channel not found" });
        expect((await alerts().dueItems(new Date("2026-11-29T00:00:00Z"), 10)).map((i) => i.key)).toEqual(["k2"]);
      });

      it("keeps the reply, parent and subscriptions of an item as enqueued", async () => {
        const parent = makeItem({ key: "digest", kind: "digest", questionId: null, subscriptionIds: ["s1", "s2"] });
        const child = makeItem({ key: "digest/1", kind: "digest-item", parentKey: "digest" });
        await alerts().enqueue([parent, child]);
        expect(await alerts().getItem("digest")).toEqual(parent);
        expect(await alerts().getItem("digest/1")).toEqual(child);
      });
    });

    describe("watches", () => {
      it("creates, lists a person's running watches and ends one once", async () => {
        const direct = { kind: "direct", platform: "slack", workspaceId: "T1", userId: "U1" } as const;
        const w1 = makeWatch({ id: "w1", questionId: "100" });
        const w2 = makeWatch({ id: "w2", questionId: "200", target: direct, createdAt: "2026-11-28T11:00:00.000Z" });
        const other = makeWatch({ id: "w3", questionId: "100", user: { id: "U2", name: null } });
        const elsewhere = makeWatch({ id: "w4", workspaceId: "T2" });
        for (const w of [w1, w2, other, elsewhere]) await alerts().createWatch(w);
        await expect(alerts().createWatch(makeWatch({ id: "w1" }))).rejects.toThrow();
        expect(await alerts().getWatch("w2")).toEqual(w2);
        expect(await alerts().getWatch("nope")).toBeNull();
        const mine = { platform: "slack", workspaceId: "T1", userId: "U1" } as const;
        expect((await alerts().listWatches(mine)).map((w) => w.id)).toEqual(["w1", "w2"]);
        expect((await alerts().activeWatches(["100"])).map((w) => w.id).sort()).toEqual(["w1", "w3", "w4"]);

        expect(await alerts().endWatch("w1", "2026-11-29T00:00:00.000Z", "unwatched")).toBe(true);
        expect(await alerts().endWatch("w1", "2026-11-30T00:00:00.000Z", "again")).toBe(false);
        expect(await alerts().getWatch("w1")).toEqual({ ...w1, endedAt: "2026-11-29T00:00:00.000Z", endedReason: "unwatched" });
        expect((await alerts().listWatches(mine)).map((w) => w.id)).toEqual(["w2"]);
        expect((await alerts().listWatches({ ...mine, ended: true })).map((w) => w.id)).toEqual(["w1", "w2"]);
        expect((await alerts().activeWatches(["100", "200"])).map((w) => w.id).sort()).toEqual(["w2", "w3", "w4"]);
        expect((await alerts().activeWatches()).map((w) => w.id).sort()).toEqual(["w2", "w3", "w4"]);
        expect(await alerts().activeWatches([])).toEqual([]);
      });

      it("keeps a watch's target, and an item's thread, DM and mentions, as given", async () => {
        const item = makeItem({
          key: "watch:w1:100:answer",
          kind: "watch",
          threadMessageId: "1700000000.000100",
          direct: false,
          mentions: [{ kind: "group", id: "S123", label: "@health-team" }],
          watchIds: ["w1"],
          subscriptionIds: [],
        });
        await alerts().enqueue([item]);
        expect(await alerts().getItem(item.key)).toEqual(item);
      });
    });
  });
}
