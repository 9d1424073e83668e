/**
 * The import graph of src/, read from the sources: every relative import specifier (static,
 * `export ... from`, side-effect and dynamic `import("...")`), with the layer of each end.
 * A regex over the text rather than the compiler: the project's TypeScript (7, native) has no
 * JavaScript API, and wq's imports are plain enough to read this way.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const SRC = fileURLToPath(new URL("../../src", import.meta.url));

export interface SourceFile {
  /** Relative to src/, with forward slashes. */
  path: string;
  text: string;
}

export interface Edge {
  from: string;
  to: string;
  specifier: string;
}

/**
 * The layer a file of src/ belongs to: model, sources, store, core, log, adapters/<name>; "base"
 * for the leaves every layer may use (env.ts: ConfigError; logger.ts: the Logger interface);
 * "program" for what puts the layers together (runtime/, main.ts, cli.ts, config.ts).
 */
export function layerOf(path: string): string {
  const parts = path.split("/");
  if (parts.length === 1) return path === "env.ts" || path === "logger.ts" ? "base" : "program";
  if (parts[0] === "adapters") return `adapters/${parts[1]}`;
  if (parts[0] === "runtime") return "program";
  return parts[0] ?? path;
}

export function readSources(root = SRC): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const full = join(entry.parentPath, entry.name);
    files.push({ path: relative(root, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The text without comments: block comments, and line comments that start a line (not `https://`). */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

const IMPORT =
  /(?:^|[;\n])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

export function importSpecifiers(text: string): string[] {
  return [...withoutComments(text).matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** Every import of one file of src/ by another. */
export function importEdges(files: readonly SourceFile[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(file.text)) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(join(SRC, file.path)), specifier);
      edges.push({ from: file.path, to: relative(SRC, target).split(sep).join("/"), specifier });
    }
  }
  return edges;
}

/** The cycles of the layer graph, each as its layers in order; none when data flows one way. */
export function layerCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [layerOf(e.from), layerOf(e.to)];
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)?.add(b);
  }
  // Tarjan's strongly connected components: a component of more than one layer is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
