import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts the worker whose code is `name` (no extension) beside the file at `from` (that file's
 * import.meta.url). Run compiled, the .js sits there. Run from the TypeScript sources (tsx,
 * vitest), the worker loads tsx itself first: a worker thread does not inherit the loader of the
 * thread that starts it.
 */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  if (!/\.ts$/.test(new URL(from).pathname)) return new Worker(new URL(`./${name}.js`, from), options);
  // tsx's ESM entry (its "import" export); the "require" one misresolves inside an eval'd worker.
  const tsx = new URL("dist/esm/api/index.mjs", pathToFileURL(createRequire(from).resolve("tsx/package.json"))).href;
  const entry = new URL(`./${name}.ts`, from).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { ...options, eval: true });
}
