#!/usr/bin/env node
// The wq command line: runs the compiled JavaScript in dist/ (npm run build; npm install builds it).
let runCliProcess;
try {
  ({ runCliProcess } = await import("../dist/cli.js"));
} catch (e) {
  if (!(e instanceof Error) || !("code" in e) || e.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist")) throw e;
  process.stderr.write("wq: dist/ is missing: run npm run build (or npm install) first.\n");
  process.exit(1);
}
await runCliProcess();
