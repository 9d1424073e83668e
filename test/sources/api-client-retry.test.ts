/**
 * The API client's waiting, against the fake Parliament API and its small fixtures (no corpus):
 * Retry-After honoured and capped, backoff that grows, one pause shared by every request after a
 * 429, a body that is not JSON tried again, and a list paged to its end. The client's clock is
 * vitest's (setTimeout and Date faked, the loopback HTTP real), and the fake logs each request's
 * arrival on that clock, so waits are read exactly and nothing depends on the machine's speed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiClient, type ApiClientOptions } from "../../src/sources/api-client.ts";
import { FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

let fake: FakeParliament;
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  // No jitter: backoff is exactly min * 2^(n-1).
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await fake.close();
});

/**
 * The real fetch, counted while in flight (body read included), so vitest's clock is moved only
 * when no request is on the wire: a loaded machine slows the test down but cannot change a time.
 */
let inFlight = 0;
const trackedFetch: typeof fetch = async (input, init) => {
  inFlight++;
  try {
    const res = await fetch(input, init);
    const body = await res.arrayBuffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  } finally {
    inFlight--;
  }
};

const client = (extra: Partial<ApiClientOptions> = {}) =>
  createApiClient({ baseUrl: fake.url, fetch: trackedFetch, requestsPerSecond: 0, retryMinDelayMs: 1000, retryMaxDelayMs: 60_000, ...extra });

/** A turn of the real event loop, so loopback I/O moves on while vitest's clock stands still. */
const realTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Settles `work`, moving vitest's clock only when nothing else can happen: no request in flight,
 * and a few turns of the real event loop with nothing settling; then to the next timer.
 */
async function settle<T>(work: Promise<T>): Promise<T> {
  let done = false;
  work.then(
    () => (done = true),
    () => (done = true),
  );
  for (let idle = 0; !done; idle = inFlight > 0 ? 0 : idle + 1) {
    await realTurn();
    if (idle >= 3 && inFlight === 0 && vi.getTimerCount() > 0) {
      await vi.advanceTimersToNextTimerAsync();
      idle = 0;
    }
  }
  return work;
}

const arrivals = (): number[] => fake.requests.map((r) => r.at - (fake.requests[0]?.at ?? 0));

describe("the API client waits", () => {
  it("as long as Retry-After says on a 429, then tries again", async () => {
    fake.inject({ fault: { kind: "status", status: 429, retryAfter: "7" } });
    const c = client();
    const page = await settle(c.listPage({}, 0));
    expect(page.items).toHaveLength(8);
    expect(arrivals()).toEqual([0, 7000]);
    expect(c.stats).toMatchObject({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it("no longer than its cap when Retry-After asks for an hour", async () => {
    fake.inject({ fault: { kind: "status", status: 429, retryAfter: "3600" } });
    const c = client({ maxRetryAfterMs: 120_000 });
    await settle(c.listPage({}, 0));
    expect(arrivals()).toEqual([0, 120_000]);
  });

  it("longer after each failure (5xx, dropped connection), up to its maximum, then gives up", async () => {
    fake.inject({ fault: { kind: "status", status: 502 }, times: 2 });
    fake.inject({ fault: { kind: "reset" } });
    fake.inject({ fault: { kind: "status", status: 503 } });
    const c = client({ retryMaxDelayMs: 5000 });
    expect((await settle(c.listPage({}, 0))).items).toHaveLength(8);
    // Waits of 1, 2, 4 s, then 8 s capped at 5 s.
    expect(arrivals()).toEqual([0, 1000, 3000, 7000, 12_000]);

    fake.inject({ fault: { kind: "status", status: 500 }, times: Infinity });
    const failing = client({ retries: 2 });
    await expect(settle(failing.listPage({}, 0))).rejects.toMatchObject({ kind: "http", status: 500 });
    expect(failing.stats.requests).toBe(3);
  });

  it("for every request after a 429, not only the one told to wait", async () => {
    fake.inject({ fault: { kind: "status", status: 429, retryAfter: "30" }, when: (r) => r.kind === "list" });
    let detail: Promise<unknown> | null = null;
    // The detail request starts once the client has heard the 429 (it logs the wait).
    const c = client({
      logger: { info() {}, error() {}, warn: () => void (detail ??= c.getQuestion(9100003)) },
    });
    await settle(c.listPage({}, 0));
    expect(detail).not.toBeNull();
    await settle(detail!);
    const byKind = (kind: string) => fake.requests.filter((r) => r.kind === kind).map((r) => r.at - (fake.requests[0]?.at ?? 0));
    expect(byKind("list")).toEqual([0, 30_000]);
    // Asked for at 0 s, sent only when the pause was over.
    expect(byKind("detail")).toEqual([30_000]);
  });

  it("and tries again when a body is not JSON (cut off in transit)", async () => {
    fake.inject({ fault: { kind: "status", status: 200, body: '{"totalResults": 8, "results": [' } });
    const c = client();
    const page = await settle(c.listPage({}, 0));
    expect(page.items).toHaveLength(8);
    expect(arrivals()).toEqual([0, 1000]);
    expect(c.stats.retries).toBe(1);
  });
});

describe("pacing", () => {
  it("starts at most requestsPerSecond requests a second", async () => {
    const c = client({ requestsPerSecond: 20, concurrency: 8 });
    await settle(Promise.all(Array.from({ length: 10 }, () => c.getQuestion(9100001))));
    // 20 a second: one every 50 ms.
    expect(arrivals()).toEqual(Array.from({ length: 10 }, (_, i) => i * 50));
  });

  it("takes fetch and the clock as arguments: a 503 whose Retry-After is a date on that clock", async () => {
    const clock = new Date("2026-05-25T10:00:00Z");
    const calls: Array<{ url: string; at: number }> = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push({ url: String(input), at: Date.now() });
      if (calls.length === 1) {
        return new Response("busy", { status: 503, headers: { "retry-after": "Mon, 25 May 2026 10:00:01 GMT" } });
      }
      return Response.json({ totalResults: 0, results: [] });
    };
    const c = createApiClient({ baseUrl: "https://api.example/api/", fetch: fakeFetch, now: () => clock, requestsPerSecond: 0, retryMinDelayMs: 5 });
    const page = await settle(c.listPage({ answeredWhenFrom: "2026-05-01" }, 200));
    expect(page).toMatchObject({ totalResults: 0, size: 0 });
    expect(calls.map((x) => x.at - (calls[0]?.at ?? 0))).toEqual([0, 1000]);
    expect(calls[0]?.url).toBe(
      "https://api.example/api/writtenquestions/questions?answeredWhenFrom=2026-05-01&expandMember=true&skip=200&take=100",
    );
  });
});

describe("paging", () => {
  it("reads every page of a list past one page, each item once, and stops at totalResults", async () => {
    const base = fake.data.items.get(9100003);
    if (!base) throw new Error("fixture 9100003 missing");
    for (let i = 0; i < 242; i++) fake.setItem({ ...base, id: 9200000 + i, uin: String(5000 + i) });
    const total = fake.data.items.size;
    expect(total).toBe(250);
    const c = client();
    const pagesSeen: number[] = [];
    const pages = await settle(c.listAll({}, (_page, known) => pagesSeen.push(known)));
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const skips = fake.requests.filter((r) => r.kind === "list").map((r) => Number(r.query.get("skip")));
    expect(skips.sort((a, b) => a - b)).toEqual([0, 100, 200]);
    expect(pagesSeen.every((n) => n === 3)).toBe(true);
  });
});
