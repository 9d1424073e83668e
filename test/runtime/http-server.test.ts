import { afterEach, describe, expect, it } from "vitest";
import type { HealthReport } from "../../src/runtime/health.ts";
import { startHttpServer, type HttpServer } from "../../src/runtime/http-server.ts";
import { quiet } from "./helpers.ts";

const report = (status: HealthReport["status"]): HealthReport => ({ status, questions: 3, newestAnswer: "2026-07-01", lastSync: null, lastError: null });
let server: HttpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const url = (path: string) => `http://127.0.0.1:${server?.port ?? -1}${path}`;

describe("the bot's HTTP server", () => {
  it("answers a HEAD /healthz with the status code and no body", async () => {
    server = await startHttpServer({ port: 0, host: "127.0.0.1", logger: quiet, health: async () => report("ready") });
    const res = await fetch(url("/healthz"), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("answers 503 with a JSON error when the store cannot be read, and keeps serving", async () => {
    let fail = true;
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      logger: quiet,
      health: async () => {
        if (fail) throw new Error("database is locked");
        return report("ready");
      },
    });
    const bad = await fetch(url("/healthz"));
    expect(bad.status).toBe(503);
    expect(await bad.json()).toEqual({ status: "error", error: "database is locked" });
    fail = false;
    expect((await fetch(url("/healthz"))).status).toBe(200);
  });

  it("answers 404 for other paths when nothing is mounted, and hands them to the mounted listener after", async () => {
    server = await startHttpServer({ port: 0, host: "127.0.0.1", logger: quiet, health: async () => report("ready") });
    expect((await fetch(url("/slack/events"), { method: "POST" })).status).toBe(404);
    server.mount((_req, res) => void res.writeHead(202).end("mounted"));
    const res = await fetch(url("/slack/events"), { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("mounted");
    // /healthz stays the server's own.
    expect((await fetch(url("/healthz"))).status).toBe(200);
  });

  it("asks Slack to retry (503, Retry-After) while its listener is still to be mounted", async () => {
    server = await startHttpServer({ port: 0, host: "127.0.0.1", logger: quiet, expectMount: true, health: async () => report("warming") });
    const res = await fetch(url("/slack/events"), { method: "POST" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("fails to start when the port is taken, so the caller can decide", async () => {
    server = await startHttpServer({ port: 0, host: "127.0.0.1", logger: quiet, health: async () => report("ready") });
    await expect(startHttpServer({ port: server.port, host: "127.0.0.1", logger: quiet, health: async () => report("ready") })).rejects.toThrow(/EADDRINUSE/);
  });
});
