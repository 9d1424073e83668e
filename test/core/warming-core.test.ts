import { describe, expect, it } from "vitest";
import type { Core } from "../../src/core/core.ts";
import { infoReply } from "../../src/model/reply.ts";
import { WARMING_TEXT, warmingCore } from "../../src/core/warming-core.ts";

const ctx = { platform: "console" as const, userId: "u" };
const real: Core = {
  run: async (text) => infoReply("real", text),
  execute: async (request) => infoReply("real", request.name),
  resolve: async () => null,
  card: () => {
    throw new Error("not used");
  },
};

describe("warmingCore", () => {
  it("answers commands with warming up until the real core is handed over, then passes everything on", async () => {
    const warm = warmingCore();
    expect(warm.isReady).toBe(false);
    expect((await warm.core.run("search nhs", ctx)).text).toBe(WARMING_TEXT);
    expect((await warm.core.execute({ name: "status" }, ctx)).text).toBe(WARMING_TEXT);
    warm.ready(real);
    expect(warm.isReady).toBe(true);
    expect(await warm.core.run("search nhs", ctx)).toEqual(infoReply("real", "search nhs"));
    expect((await warm.core.execute({ name: "status" }, ctx)).title).toBe("real");
  });

  it("answers help while warming, since help needs no index", async () => {
    const reply = await warmingCore().core.run("help", ctx);
    expect(reply.text).not.toBe(WARMING_TEXT);
    expect(reply.text).toContain("/wq search");
  });

  it("answers warming up to text that does not parse, rather than an error about it", async () => {
    expect((await warmingCore().core.run("frobnicate", ctx)).text).toBe(WARMING_TEXT);
  });
});
