/**
 * The program as a deployment runs it: src/ compiled to JavaScript by tsc (as `npm run build`
 * does), so that start-up figures do not include tsx compiling TypeScript. Written under
 * node_modules/.cache, where the compiled files still resolve the project's packages.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "node_modules", ".cache", "wq-bench");

/** Compiles src/ and returns a script that runs the wq command line from it. */
export async function compiledCli(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const config = join(OUT, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(ROOT, "tsconfig.json"),
      compilerOptions: { noEmit: false, outDir: join(OUT, "dist"), rootDir: join(ROOT, "src"), rewriteRelativeImportExtensions: true, typeRoots: [join(ROOT, "node_modules", "@types")] },
      include: [join(ROOT, "src")],
    }),
  );
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  await promisify(execFile)(process.execPath, [tsc, "-p", config]);
  const runner = join(OUT, "wq.mjs");
  writeFileSync(
    runner,
    `import { runCli } from "./dist/cli.js";\n` +
      `process.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t + "\\n"), err: (t) => process.stderr.write(t + "\\n"), env: process.env, isTTY: false });\n`,
  );
  return runner;
}
