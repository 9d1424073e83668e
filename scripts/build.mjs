#!/usr/bin/env node
// Compiles src/ to dist/ with tsc, so that `npm start`, bin/wq and the Procfile run plain node.
//   node scripts/build.mjs              always build (npm run build); fails on a type error
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than src/ (prestart)
//   node scripts/build.mjs --prepare    as --if-stale, but never fails the install (npm install / npm ci)
// Plain JavaScript on purpose: it must run before anything is compiled, and without dev dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
  const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"].map((p) => join(root, p));
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
writeFileSync(stamp, `${new Date().toISOString()}\n`);
