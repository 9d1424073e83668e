#!/usr/bin/env node
// Compiles src/ to dist/ with tsc, so that `npm start`, bin/wq and the Procfile run plain node, then
// bundles the two entry points (dist/main.js, dist/cli.js) with esbuild over tsc's output: a `wq search`
// from a cold process spent most of its time resolving and compiling ~280 module files (zod alone 95).
//   node scripts/build.mjs              always build (npm run build); fails on a type error
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than src/ (prestart)
//   node scripts/build.mjs --prepare    as --if-stale, but never fails the install (npm install / npm ci)
// Plain JavaScript on purpose: it must run before anything is compiled, and without dev dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");
const mode = process.argv[2] ?? "--always";

/** Newest modification time among the files that decide what dist/ holds. */
function newestSource(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, name)));
  return newest;
}

function stale() {
  if (!existsSync(stamp)) return true;
  const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.mjs"].map((p) => join(root, p));
  return Math.max(...inputs.filter(existsSync).map(newestSource)) > statSync(stamp).mtimeMs;
}

function tscPath() {
  try {
    // typescript's exports hide bin/, but its package.json is exported and bin/ sits beside it.
    const pkg = createRequire(join(root, "package.json")).resolve("typescript/package.json");
    const bin = join(dirname(pkg), "bin", "tsc");
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/**
 * Replaces dist/main.js and dist/cli.js with bundles of our code and the pure-JavaScript packages,
 * split so that what a command imports lazily (html-to-text, the adapters, sync) stays in chunks of
 * its own, loaded only when that command runs. Every other file tsc wrote stays: the worker threads
 * (search, index encoder, chart) are started by URL from dist/core/, and packages with native
 * parts, worker-thread transports or optional requires are left to node to resolve. When esbuild is missing, tsc's output runs as it is.
 */
async function bundle() {
  let esbuild;
  try {
    esbuild = await import(createRequire(join(root, "package.json")).resolve("esbuild"));
  } catch {
    process.stderr.write("wq: esbuild is not installed: dist/ runs unbundled (slower to start).\n");
    return;
  }
  const dist = join(root, "dist");
  // A bundled module's import.meta.url is its chunk's, in dist/ itself (so no chunkNames folder): each file's own is put back, so
  // relative URLs (../../seeds, the search, encoder and chart workers, package.json) resolve as they do from tsc's output.
  const ownUrl = {
    name: "own-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(dist + "/")) return undefined;
        const source = await readFile(args.path, "utf8");
        if (!source.includes("import.meta.url")) return undefined;
        const own = JSON.stringify("./" + relative(dist, args.path).split(sep).join("/"));
        return { contents: source.replaceAll("import.meta.url", `new URL(${own}, import.meta.url).href`), loader: "js" };
      });
    },
  };
  // zod's namespace export carries every locale's messages (a third of zod's code, parsed by every
  // process); wq reports in English, the one locale zod configures by default, so only it is bundled.
  const zodEnglishOnly = {
    name: "zod-english-only",
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
        return { path: join(dirname(args.importer), "..", "locales", "en.js"), namespace: "zod-en" };
      });
      build.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        resolveDir: dirname(args.path),
        loader: "js",
      }));
    },
  };
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(dist, "main.js"), join(dist, "cli.js")],
    outdir: dist,
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    // Less text for V8 to scan at every start; names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
    // Native addons, packages that start worker threads from their own files, and the chat platforms' SDKs (optional requires).
    external: ["better-sqlite3", "pg", "pg-native", "pino", "pino-pretty", "thread-stream", "discord.js", "@discordjs/*", "@slack/*", "ws", "@resvg/*"],
    // CommonJS packages in an ES module bundle still call require() for node's built-ins.
    banner: { js: 'import { createRequire as __wqCreateRequire } from "node:module"; const require = __wqCreateRequire(import.meta.url);' },
    plugins: [ownUrl, zodEnglishOnly],
  });
}

if (mode !== "--always" && !stale()) process.exit(0);
const tsc = tscPath();
if (!tsc) {
  // A production install (npm ci --omit=dev) has no TypeScript: it runs what the build step made.
  const have = existsSync(stamp);
  const message = have
    ? "wq: dist/ may be older than src/, and TypeScript is not installed to rebuild it (install dev dependencies, then npm run build)."
    : "wq: dist/ is missing and TypeScript is not installed: run npm install (with dev dependencies), then npm run build.";
  process.stderr.write(message + "\n");
  process.exit(mode === "--prepare" || have ? 0 : 1);
}
// Files of deleted sources must not linger in dist/ and be run.
rmSync(join(root, "dist"), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (run.status !== 0) {
  process.stderr.write("wq: the build reported errors (above).\n");
  // A type error should not fail an install: tsc still wrote dist/, and npm run build and the tests will say what is wrong.
  process.exit(mode === "--prepare" && existsSync(join(root, "dist", "main.js")) ? 0 : 1);
}
try {
  await bundle();
} catch (e) {
  // esbuild writes nothing when it fails, so tsc's output is whole and runs unbundled.
  process.stderr.write(`wq: bundling failed (${e instanceof Error ? e.message : String(e)}); dist/ runs unbundled.\n`);
  if (mode !== "--prepare") process.exit(1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
