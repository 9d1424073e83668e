// What bin/wq.mjs runs from dist/, run here from the sources so the pipe test needs no build.
import { runCliProcess } from "../../src/cli.ts";

await runCliProcess();
