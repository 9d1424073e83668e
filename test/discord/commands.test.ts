import { describe, expect, it } from "vitest";
import { CommandRequestSchema } from "../../src/core/commands/request.ts";
import { SUBCOMMANDS, commandDefinitions, subcommand } from "../../src/adapters/discord/commands/index.ts";
import type { OptionReader } from "../../src/adapters/discord/commands/types.ts";

function options(values: Record<string, string | number | boolean>): OptionReader {
  const get = <T>(name: string, type: string): T | null => (typeof values[name] === type ? (values[name] as T) : null);
  return { getString: (n) => get(n, "string"), getInteger: (n) => get(n, "number"), getBoolean: (n) => get(n, "boolean") };
}

describe("/wq definition", () => {
  it("is one guild-only command with five subcommands, autocomplete on queries", () => {
    const [wq] = commandDefinitions();
    expect(wq?.name).toBe("wq");
    expect(wq?.contexts).toEqual([0]);
    const subs = (wq?.options ?? []) as Array<{ name: string; type: number; options?: Array<{ name: string; autocomplete?: boolean; required?: boolean }> }>;
    expect(subs.map((s) => [s.name, s.type])).toEqual([["search", 1], ["show", 1], ["latest", 1], ["help", 1], ["status", 1]]);
    expect(subs[0]?.options?.[0]).toMatchObject({ name: "query", required: true, autocomplete: true, max_length: 300 });
    expect(subs[1]?.options?.[0]).toMatchObject({ name: "ref", required: true });
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
  ];
  it.each(cases)("%s %j", (name, values, expected) => {
    const request = subcommand(name)?.request(options(values));
    expect(CommandRequestSchema.parse(request)).toEqual(expected);
  });

  it("has a module for each subcommand", () => {
    expect(SUBCOMMANDS.map((s) => s.name)).toEqual(["search", "show", "latest", "help", "status"]);
  });
});
