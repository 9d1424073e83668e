import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/sources/api-client.ts";
import { FIXTURES_DIR } from "../fakes/parliament/data.ts";
import { startFakeParliament, type FakeParliament } from "../fakes/parliament/server.ts";

let fake: FakeParliament;
beforeEach(async () => {
  fake = await startFakeParliament({ dir: FIXTURES_DIR });
});
afterEach(async () => {
  await fake.close();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

describe("API client failures name the call", () => {
  it("a refused connection names the path and the system's reason, not 'fetch failed'", async () => {
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/api`, retries: 0, requestsPerSecond: 0 });
    const error = await client.listPage({ tabledWhenFrom: "2026-05-01" }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^GET \/api\/writtenquestions\/questions\?tabledWhenFrom=2026-05-01&skip=0 failed: network error \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    expect((error as Error).message).not.toMatch(/fetch failed/);
  });

  it("an HTTP error names the path and the status", async () => {
    fake.inject({ fault: { kind: "status", status: 503 }, times: Infinity, when: (r) => r.kind === "detail" });
    const client = createApiClient({ baseUrl: fake.url, retries: 0, requestsPerSecond: 0 });
    await expect(client.getQuestion(9100003)).rejects.toThrow(/^GET \/api\/writtenquestions\/questions\/9100003 failed: HTTP 503/);
  });

  it("a list response over the size cap fails at once, naming the call", async () => {
    const client = createApiClient({ baseUrl: fake.url, retries: 3, retryMinDelayMs: 1, requestsPerSecond: 0, maxResponseBytes: 100 });
    await expect(client.listPage({ tabledWhenFrom: "2026-04-01", tabledWhenTo: "2026-05-31" }, 0)).rejects.toThrow(
      /a response from \/api\/writtenquestions\/questions\?tabledWhenFrom=2026-04-01&tabledWhenTo=2026-05-31&skip=0 larger than 0 MB; not read/,
    );
    // Too large stays too large: not retried.
    expect(fake.requests.filter((r) => r.kind === "list")).toHaveLength(1);
  });
});
