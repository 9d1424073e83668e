#!/usr/bin/env node
// The wq command line: runs the compiled JavaScript in dist/ (npm run build; npm install builds it).
import module from "node:module";
// Node 22.1 and later keep V8's compiled code between runs (each `wq` compiles about a megabyte of
// bundle before it does anything); Node 20 has no such cache and goes on without it.
module.enableCompileCache?.();
let runCliProcess;
try {
  ({ runCliProcess } = await import("../dist/cli.js"));
} catch (e) {
  if (!(e instanceof Error) || !("code" in e) || e.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist")) throw e;
  process.stderr.write("wq: dist/ is missing: run npm run build (or npm install) first.\n");
  process.exit(1);
}
await runCliProcess();
