/** Button values carry a whole CommandRequest and are checked again when they come back. */
import { describe, expect, expectTypeOf, test } from "vitest";
import { actionId, ACTION_ID_PATTERN, decodeRequest, effectOfActionId, encodeRequest, kindOfActionId } from "../../src/adapters/slack/action-value.ts";
import { callOf, COMMANDS } from "../../src/core/index.ts";
import type { CommandRequest } from "../../src/model/request.ts";
import type { ActionKind } from "../../src/model/reply.ts";

describe("button values", () => {
  test("round-trip every request kind", () => {
    const requests: CommandRequest[] = [
      { name: "search", query: "xinjiang dept:fcdo", page: 3 },
      { name: "show", ref: "2024-07-17/227", full: true },
      { name: "latest", count: 5, query: "" },
      { name: "overdue", departments: ["dhsc"] },
      { name: "help" },
      { name: "status" },
      { name: "trend", query: '"mental health" tabled:2025' },
      { name: "subscribe", text: "xinjiang every:daily", confirm: true },
      { name: "subscriptions" },
      { name: "unsubscribe", id: "sub-1" },
      { name: "pause", id: "sub-1" },
      { name: "resume", id: "sub-1" },
      { name: "watch", ref: "2026-05-11/1001" },
      { name: "watching" },
      { name: "unwatch", ref: "w1a2b" },
    ];
    // Every command of the table, so a command added to the core is added here too.
    const kinds = COMMANDS.map((c) => c.name);
    expect(requests.map((r) => r.name).sort()).toEqual([...kinds].sort());
    for (const request of requests) {
      const value = encodeRequest(request);
      expect(value).not.toBeNull();
      expect(decodeRequest(value ?? "")).toEqual(request);
    }
  });
  test("refuse what is not a request", () => {
    expect(decodeRequest(undefined)).toBeNull();
    expect(decodeRequest("not json")).toBeNull();
    // The arguments are the command's to judge: an old or wrong one reaches no command.
    expect(callOf(COMMANDS, decodeRequest('{"name":"search","query":"x","page":0}')!)).toBeNull();
    expect(decodeRequest('{"name":"rm -rf"}')).toBeNull();
  });
});

describe("action ids", () => {
  test("unique per action, and read back to their kind", () => {
    expect(actionId("share", "public", 7)).toBe("wq:share:public:7");
    expect(effectOfActionId("wq:share:public:7")).toBe("public");
    expect(effectOfActionId("wq:snooze:replace:2")).toBe("replace");
    expect(effectOfActionId("wq:snooze:explode:2")).toBeNull();
    // Buttons of versions before effects: their kind's effect, or none for a kind they did not have.
    expect(effectOfActionId("wq:full:3")).toBe("private");
    expect(effectOfActionId("wq:next:3")).toBe("replace");
    expect(effectOfActionId("wq:snooze:3")).toBeNull();
    expect(kindOfActionId("wq:next:12")).toBe("next");
    // A kind the core adds later (a preview's confirm) is a button like the others; its value is
    // still checked as a request, and the core still checks permissions.
    expect(kindOfActionId("wq:confirm:1")).toBe("confirm");
    expectTypeOf<"snooze">().not.toExtend<ActionKind>();
    expect(kindOfActionId("wq:snooze:1")).toBe("snooze");
    expect(kindOfActionId("wq:Drop Tables:1")).toBeNull();
    expect(kindOfActionId("wq:next")).toBeNull();
    expect(ACTION_ID_PATTERN.test("other:next:1")).toBe(false);
  });
});
