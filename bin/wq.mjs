#!/usr/bin/env node
// The wq command line: runs the TypeScript sources through tsx, so no build step is needed.
import { register } from "tsx/esm/api";
register();
const { runCli, endQuietlyOnClosedPipe } = await import("../src/cli.ts");
endQuietlyOnClosedPipe([process.stdout, process.stderr]);
process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
