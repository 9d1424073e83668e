import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createApiClient, defaultUserAgent, parseRetryAfter, type ApiClientOptions } from "../../src/sources/api-client.ts";
import { FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

let fake: FakeParliament;
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
});
afterEach(async () => {
  await fake.close();
});

const client = (extra: Partial<ApiClientOptions> = {}) =>
  createApiClient({ baseUrl: fake.url, requestsPerSecond: 0, retryMinDelayMs: 5, retryMaxDelayMs: 20, ...extra });

describe("the API client", () => {
  it("pages a list with take=100 and validates items", async () => {
    const c = client();
    const page = await c.listPage({ tabledWhenFrom: "2026-05-01", tabledWhenTo: "2026-05-31" }, 0);
    expect(page.totalResults).toBe(7);
    expect(page.items.map((i) => i.id)).toContain(9100003);
    expect(page.items.find((i) => i.id === 9100003)?.askingMember?.name).toBe("Alex Example");
    const [req] = fake.requests;
    expect(req?.query.get("take")).toBe("100");
    expect(req?.query.get("skip")).toBe("0");
    expect(req?.userAgent).toMatch(/^wq\//);
  });

  it("gets an item by id and by date and UIN, full texts; a missing one is 'missing'", async () => {
    const c = client();
    const byId = await c.getQuestion(9100003);
    expect(byId.kind === "ok" && byId.value.answerText?.startsWith("<p>")).toBe(true);
    const byUin = await c.getQuestionByUin("2026-05-12", "1003");
    expect(byUin.kind === "ok" && byUin.value.id).toBe(9100003);
    expect(await c.getQuestion(1)).toEqual({ kind: "missing" });
  });

  it("a malformed item is rejected with its id; the rest of the page is kept", async () => {
    fake.corrupt(9100004, { house: "Senate" });
    const logged: string[] = [];
    const c = client({ logger: { info() {}, warn: (m) => logged.push(m), error() {} } });
    const page = await c.listPage({}, 0);
    expect(page.rejected).toEqual([{ id: 9100004, reason: expect.stringContaining("house") }]);
    expect(page.items).toHaveLength(7);
    expect(logged.join("\n")).toContain("9100004");
    const detail = await c.getQuestion(9100004);
    expect(detail.kind).toBe("rejected");
  });

  it("retries 5xx and dropped connections, and gives up after the retries (the waits: api-client-retry.test.ts)", async () => {
    fake.inject({ fault: { kind: "status", status: 502 }, times: 2 });
    fake.inject({ fault: { kind: "reset" } });
    const c = client();
    expect((await c.listPage({}, 0)).items).toHaveLength(8);
    expect(c.stats.retries).toBe(3);

    fake.inject({ fault: { kind: "status", status: 500 }, times: Infinity });
    const failing = client({ retries: 2 });
    await expect(failing.listPage({}, 0)).rejects.toMatchObject({ kind: "http", status: 500 });
    expect(failing.stats.requests).toBe(3);
  });

  it("does not retry other 4xx", async () => {
    fake.inject({ fault: { kind: "status", status: 400 }, times: Infinity });
    const c = client();
    await expect(c.listPage({}, 0)).rejects.toBeInstanceOf(ApiError);
    expect(c.stats.requests).toBe(1);
  });

  it("times a hung request out and tries again", async () => {
    fake.inject({ fault: { kind: "hang" } });
    const c = client({ timeoutMs: 200 });
    expect((await c.listPage({}, 0)).items).toHaveLength(8);
    expect(c.stats.timeouts).toBe(1);
  });

  it("keeps to the concurrency bound (the request rate: api-client-retry.test.ts)", async () => {
    fake.inject({ fault: { kind: "delay", ms: 60 }, times: Infinity });
    const c = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.getQuestion(9100001 + (i % 8))));
    expect(fake.maxInFlight).toBeLessThanOrEqual(3);
    expect(fake.maxInFlight).toBeGreaterThan(1);
  });

  it("stops when its signal is aborted", async () => {
    fake.inject({ fault: { kind: "hang" }, times: Infinity });
    const controller = new AbortController();
    const c = client({ signal: controller.signal, timeoutMs: 10_000 });
    const pending = c.listPage({}, 0);
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await expect(pending).rejects.toThrow(/stop/);
  });

  it("names wq and its version in the User-Agent", () => {
    expect(defaultUserAgent()).toMatch(/^wq\/\d+\.\d+\.\d+ \(UK Parliament written questions bot/);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = new Date("2026-05-25T10:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 25 May 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
