import { Writable } from "node:stream";
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { createLogger, type LogFormat, type LogLevel } from "../../src/log/create-logger.ts";
import { redactText, scrub } from "../../src/log/redact.ts";

/** A logger writing into memory; `lines()` parses what it wrote. */
function capture(level: LogLevel, format: LogFormat = "json") {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ level, format, destination: sink });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe("createLogger", () => {
  it("writes one JSON object a line with the level by name, the message and the time", () => {
    const c = capture("info");
    c.logger.info("Slack: listening on port 3000");
    const [line] = c.lines();
    expect(line).toMatchObject({ level: "info", msg: "Slack: listening on port 3000", name: "wq" });
    expect(typeof line?.["time"]).toBe("string");
  });

  it("drops lines below WQ_LOG_LEVEL and keeps those at or above it", () => {
    const c = capture("warn");
    c.logger.debug("d");
    c.logger.info("i");
    c.logger.warn("w");
    c.logger.error("e");
    expect(c.lines().map((l) => l["msg"])).toEqual(["w", "e"]);
  });

  it("logs debug lines at level debug", () => {
    const c = capture("debug");
    c.logger.debug("details");
    expect(c.lines().map((l) => l["level"])).toEqual(["debug"]);
  });

  it("puts an error under err with its type, message, and the call and status it carries", () => {
    const c = capture("info");
    const failure = Object.assign(new Error("Request failed"), { method: "PATCH", url: "https://discord.com/api/v10/webhooks/1/abc", status: 404 });
    c.logger.error("discord: interaction 7 failed", failure);
    const err = c.lines()[0]?.["err"] as Record<string, unknown>;
    expect(err).toMatchObject({ type: "Error", message: "Request failed", method: "PATCH", status: 404 });
    expect(err["url"]).toBe("https://discord.com/api/v10/webhooks/1/abc");
  });

  it("names the call and the status of a discord.js REST failure, without the message body it sent", () => {
    const c = capture("info");
    const failure = new DiscordAPIError({ code: 10003, message: "Unknown Channel" }, 10003, 404, "POST", "https://discord.com/api/v10/channels/1/messages", { body: { content: "private text" } });
    c.logger.warn("alerts: posting failed", failure);
    const err = c.lines()[0]?.["err"] as Record<string, unknown>;
    expect(err).toMatchObject({ message: "Unknown Channel", method: "POST", status: 404, code: 10003, url: "https://discord.com/api/v10/channels/1/messages" });
    expect(String(err["type"])).toMatch(/^DiscordAPIError/);
    expect(c.text()).not.toContain("private text");
  });

  it("keeps other details under details", () => {
    const c = capture("info");
    c.logger.warn("wq: unknown button", "wq_weird");
    expect(c.lines()[0]?.["details"]).toBe("wq_weird");
  });

  it("redacts tokens in the message, in details, in error messages and under secret-sounding keys", () => {
    const c = capture("info");
    const bot = "xoxb-1234-5678-abcdefghijkl";
    const discord = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
    c.logger.error(`auth failed for ${bot}`, new Error(`bad token ${discord}`), { headers: { authorization: `Bot ${discord}` }, appToken: "xapp-1-A1-2-3", ok: 1 });
    const out = c.text();
    expect(out).not.toContain(bot);
    expect(out).not.toContain(discord);
    expect(out).not.toContain("xapp-1-A1-2-3");
    expect(out).toContain("[redacted]");
    expect(c.lines()[0]?.["details"]).toMatchObject({ headers: { authorization: "[redacted]" }, appToken: "[redacted]", ok: 1 });
  });

  it("writes readable lines, not JSON, in the pretty format", () => {
    const c = capture("info", "pretty");
    c.logger.info("hello there");
    expect(c.text()).toContain("hello there");
    expect(c.text().trim().startsWith("{")).toBe(false);
  });
});

describe("redaction", () => {
  it("hides the password of a connection string but keeps the host", () => {
    expect(redactText("connect postgres://wq:s3cret@db.example:5432/wq failed")).toBe("connect postgres://wq:[redacted]@db.example:5432/wq failed");
  });

  it("hides Slack response_url credentials", () => {
    expect(redactText("POST https://hooks.slack.com/commands/T1/123/abcDEF failed")).toBe("POST https://hooks.slack.com/commands/[redacted] failed");
  });

  it("survives cycles and values that are not plain data", () => {
    const a: Record<string, unknown> = { n: 10n, f: () => 1 };
    a["self"] = a;
    expect(scrub(a)).toEqual({ n: "10", f: "[function]", self: "[circular]" });
  });
});
