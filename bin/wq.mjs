#!/usr/bin/env node
// The wq command line: runs the compiled JavaScript in dist/ (npm run build; npm install builds it).
let runCli;
try {
  ({ runCli } = await import("../dist/cli.js"));
} catch (e) {
  if (!(e instanceof Error) || !("code" in e) || e.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist")) throw e;
  process.stderr.write("wq: dist/ is missing: run npm run build (or npm install) first.\n");
  process.exit(1);
}
process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
