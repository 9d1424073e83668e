/**
 * `wq` from the TypeScript sources, for tests that run it as its own process (and may kill it):
 * bin/wq runs the compiled dist/, which a test must not depend on being fresh.
 */
import { runCli } from "../../src/cli.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
