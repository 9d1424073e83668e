import { describe, expect, it } from "vitest";
import { CommandRequestSchema } from "../../src/model/request.ts";
import { SUBCOMMANDS, commandDefinitions, subcommand, type OptionReader } from "../../src/adapters/discord/commands/index.ts";

function options(values: Record<string, string | number | boolean>): OptionReader {
  const get = <T>(name: string, type: string): T | null => (typeof values[name] === type ? (values[name] as T) : null);
  return { getString: (n) => get(n, "string"), getInteger: (n) => get(n, "number"), getBoolean: (n) => get(n, "boolean") };
}

describe("/wq definition", () => {
  it("is one guild-only command with its subcommands, autocomplete on queries", () => {
    const [wq] = commandDefinitions();
    expect(wq?.name).toBe("wq");
    expect(wq?.contexts).toEqual([0]);
    const subs = (wq?.options ?? []) as Array<{ name: string; type: number; options?: Array<{ name: string; autocomplete?: boolean; required?: boolean }> }>;
    expect(subs.map((s) => [s.name, s.type])).toEqual([["search", 1], ["show", 1], ["latest", 1], ["overdue", 1], ["trend", 1], ["help", 1], ["status", 1], ["watch", 1], ["watching", 1], ["unwatch", 1]]);
    expect(subs[0]?.options?.[0]).toMatchObject({ name: "query", required: true, autocomplete: true, max_length: 300 });
    expect(subs[1]?.options?.[0]).toMatchObject({ name: "ref", required: true });
    expect(subs[4]?.options?.[0]).toMatchObject({ name: "query", required: true, autocomplete: true, max_length: 300 });
  });
});

describe("/wq-alerts definition", () => {
  it("is a guild-only top-level command for Manage Channels, with the five subscription subcommands", () => {
    const [, alerts] = commandDefinitions();
    expect(alerts?.name).toBe("wq-alerts");
    expect(alerts?.contexts).toEqual([0]);
    expect(alerts?.default_member_permissions).toBe("16");
    const subs = (alerts?.options ?? []) as Array<{ name: string; options?: Array<{ name: string; required?: boolean; autocomplete?: boolean; choices?: Array<{ value: string }> }> }>;
    expect(subs.map((s) => s.name)).toEqual(SUBCOMMANDS.filter((s) => s.parent === "wq-alerts").map((s) => s.name));
    const subscribe = subs[0]?.options ?? [];
    expect(subscribe.map((o) => o.name)).toEqual(["query", "every", "at", "notify"]);
    expect(subscribe[0]).toMatchObject({ required: true, autocomplete: true });
    expect(subscribe[1]?.choices?.map((c) => c.value)).toEqual(["instant", "daily", "weekly"]);
  });

  it.each([
    ["subscribe", { query: 'xinjiang dept:"Home Office"' }, 'subscribe xinjiang dept:"Home Office"'],
    ["subscribe", { query: "xinjiang", every: "weekly", at: "08:30" }, "subscribe xinjiang every:weekly at:08:30"],
    ["subscribe", { query: "dept:dhsc", notify: "@health team" }, "subscribe dept:dhsc notify:@health-team"],
    ["list", {}, "subscriptions"],
    ["unsubscribe", { id: "4f2a" }, "unsubscribe 4f2a"],
    ["pause", { id: "4f2a" }, "pause 4f2a"],
    ["resume", { id: "4f2a" }, "resume 4f2a"],
  ] as const)("%s %j is the core's text %s", (name, values, text) => {
    expect(subcommand("wq-alerts", name)?.input(options(values))).toBe(text);
  });
});

describe("subcommand requests", () => {
  const cases: Array<[string, Record<string, string | number | boolean>, unknown]> = [
    ["search", { query: "xinjiang dept:fcdo" }, { name: "search", query: "xinjiang dept:fcdo", page: 1 }],
    ["show", { ref: "2021-06-07/12345" }, { name: "show", ref: "2021-06-07/12345", full: false }],
    ["show", { ref: "1721286", full: true }, { name: "show", ref: "1721286", full: true }],
    ["latest", {}, { name: "latest", count: 5, query: "" }],
    ["latest", { count: 20, query: "housing" }, { name: "latest", count: 20, query: "housing" }],
    ["help", {}, { name: "help" }],
    ["status", {}, { name: "status" }],
    ["watch", { ref: "2026-05-11/1001" }, { name: "watch", ref: "2026-05-11/1001" }],
    ["watching", {}, { name: "watching" }],
    ["unwatch", { ref: "w1a2b" }, { name: "unwatch", ref: "w1a2b" }],
  ];
  it.each(cases)("%s %j", (name, values, expected) => {
    const request = subcommand("wq", name)?.input(options(values));
    expect(CommandRequestSchema.parse(request)).toEqual(expected);
  });

  it("has an entry for each subcommand", () => {
    expect(SUBCOMMANDS.filter((s) => s.parent === "wq").map((s) => s.name)).toEqual(["search", "show", "latest", "overdue", "trend", "help", "status", "watch", "watching", "unwatch"]);
  });
});
