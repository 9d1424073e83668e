/**
 * A bot whose index cannot be opened would say "warming up" forever, and one whose search worker
 * died would fail every search: it stops instead (closing its port), so that the host restarts it
 * and the failure shows in its logs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCore } from "../../src/core/open-core.ts";
import { loadConfig } from "../../src/config.ts";
import { startWq } from "../../src/runtime/start.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { BASE_ENV, health } from "./helpers.ts";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.close();
});

describe("a bot whose index fails to open", () => {
  it("rejects ready with the error, logs nothing as ready, and closes its port", async () => {
    const lines: string[] = [];
    const logger = { debug: () => {}, info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
    let fail: (e: Error) => void = () => {};
    const running = await startWq({
      config: loadConfig({ ...BASE_ENV, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: fake.apiUrl }),
      logger,
      host: "127.0.0.1",
      openCore: () => new Promise((_resolve, reject) => (fail = reject)),
      slackRetries: 0,
    });
    const port = running.port ?? -1;
    expect((await health(port)).body.status).toBe("warming");
    fail(new Error("snapshot unreadable"));
    await expect(running.ready).rejects.toThrow("snapshot unreadable");
    await running.finished;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(lines.some((l) => l.startsWith("ready:"))).toBe(false);
  });

  it("stops, closing its port, when the search index is lost after it was ready", async () => {
    const errors: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => errors.push(m) };
    let lose: ((e: Error) => void) | undefined;
    const running = await startWq({
      config: loadConfig({ ...BASE_ENV, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: fake.apiUrl }),
      logger,
      host: "127.0.0.1",
      // The real core; the worker's report of its own death is what the test sends.
      openCore: (options) => ((lose = options.onIndexLost), openCore(options)),
      slackRetries: 0,
    });
    const port = running.port ?? -1;
    await running.ready;
    expect((await health(port)).body.status).toBe("ready");
    expect(lose).toBeTypeOf("function");
    lose!(new Error("the search worker stopped (exit code 1)"));
    await running.finished;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(errors.some((m) => m.includes("search index was lost"))).toBe(true);
  });
});
