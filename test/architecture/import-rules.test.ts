/**
 * The layers' rules (docs/architecture.md), checked over src/ on every `npm test`: data flows one
 * way (model <- store <- core <- adapters, sources feeding the store), adapters translate and
 * share only src/adapters/shared, and which commands need what is the core's table's business,
 * not an adapter's list of names. Each failure names the file and the import that breaks the rule.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/core/index.ts";
import { importEdges, layerCycles, layerOf, readSources, withoutComments, type Edge } from "./source-imports.ts";

const files = readSources();
const edges = importEdges(files);

/** "file: specifier" for each import from a layer matching `from` into one matching `to`. */
function imports(from: (layer: string) => boolean, to: (layer: string, fromLayer: string) => boolean): string[] {
  return edges
    .filter((e: Edge) => from(layerOf(e.from)) && to(layerOf(e.to), layerOf(e.from)))
    .map((e) => `${e.from}: ${e.specifier}`);
}

const isAdapter = (layer: string): boolean => layer.startsWith("adapters/");
const is =
  (...layers: string[]) =>
  (layer: string): boolean =>
    layers.includes(layer) || (layers.includes("adapters") && isAdapter(layer));

describe("import rules", () => {
  it("have a graph to check: every layer of src/ is read", () => {
    const layers = new Set(files.map((f) => layerOf(f.path)));
    for (const layer of ["model", "sources", "store", "core", "adapters/slack", "adapters/discord", "adapters/console", "adapters/shared", "program", "base"]) {
      expect(layers, layer).toContain(layer);
    }
    expect(imports(is("adapters/slack"), is("adapters/shared")).length).toBeGreaterThan(0);
  });

  it("no adapter imports another adapter (src/adapters/shared aside)", () => {
    expect(imports(isAdapter, (to, from) => isAdapter(to) && to !== from && to !== "adapters/shared")).toEqual([]);
  });

  it("adapters reach the core only through its one entry, core/index.ts", () => {
    expect(imports(isAdapter, is("core")).filter((line) => !line.endsWith("core/index.ts"))).toEqual([]);
  });

  it("the core imports no adapter, no source (src/sources) and nothing of the program that starts it", () => {
    expect(imports(is("core"), is("adapters", "sources", "program"))).toEqual([]);
  });

  it("the sources import nothing of the core, the adapters or the program: they only fill the store", () => {
    expect(imports(is("sources"), is("core", "adapters", "program"))).toEqual([]);
  });

  it("the store imports nothing of the core, the sources, the adapters or the program", () => {
    expect(imports(is("store"), is("core", "sources", "adapters", "program"))).toEqual([]);
  });

  it("the model imports nothing of the core, the store, the sources, the adapters or the program", () => {
    expect(imports(is("model"), is("core", "store", "sources", "adapters", "program"))).toEqual([]);
  });

  it("the leaves every layer uses (env.ts, logger.ts) import nothing of src/", () => {
    expect(imports(is("base"), (to) => to !== "base")).toEqual([]);
  });

  it("no layer imports the program (runtime, main, cli, config.ts): only the program puts layers together", () => {
    expect(imports((from) => from !== "program", is("program"))).toEqual([]);
  });

  it("the layers form no cycle", () => {
    expect(layerCycles(edges)).toEqual([]);
  });
});

/** The names (and aliases) the core answers to, as typed after /wq: the core's table. */
function commandNames(): string[] {
  return COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
}

/** Chat adapters' files that could hold a command list: Discord's slash-command definitions aside, which declare the platform's commands. */
const chatAdapterFiles = files.filter((f) => /^adapters\/(slack|discord)\//.test(f.path) && !f.path.startsWith("adapters/discord/commands/"));

describe("no adapter holds a list of command names", () => {
  it("knows the core's command names", () => {
    expect(commandNames()).toEqual(expect.arrayContaining(["search", "subscribe", "help"]));
  });

  it("none of the lists the core's table replaced is back", () => {
    const offenders = ["SUBSCRIPTION_COMMANDS", "SEARCH_KINDS", "SUBSCRIPTION_REQUESTS", "isSubscriptionText", "isListText", "isSubscriptionAction"];
    const found = chatAdapterFiles.flatMap((f) => offenders.filter((name) => new RegExp(`\\b${name}\\b`).test(withoutComments(f.text))).map((name) => `${f.path}: ${name}`));
    expect(found).toEqual([]);
  });

  it("no Slack or Discord file names two commands or more in string literals (a name as a property key, x[\"status\"], aside)", () => {
    const names = new Set(commandNames());
    const found: string[] = [];
    for (const f of chatAdapterFiles) {
      const literals = new Set<string>();
      for (const m of withoutComments(f.text).matchAll(/(?<![\w$\])]\s*\[\s*)(["'`])([a-z-]+)\1/g)) {
        if (m[2] && names.has(m[2])) literals.add(m[2]);
      }
      if (literals.size >= 2) found.push(`${f.path}: ${[...literals].join(", ")}`);
    }
    expect(found).toEqual([]);
  });
});
