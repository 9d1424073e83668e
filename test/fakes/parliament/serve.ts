/**
 * Runs the fake Written Questions API on its own, for trying `wq sync` by hand:
 *   npx tsx test/fakes/parliament/serve.ts [corpus|fixtures|DIR] [--port N] [--rate-limit N] [--fail-every N]
 * then WQ_API_URL=<printed url> npx tsx src/cli.ts sync.
 * --rate-limit N answers 429 (Retry-After: 1) to every Nth request; --fail-every N a 500.
 */
import { parseArgs } from "node:util";
import { CORPUS_DIR, FIXTURES_DIR } from "./data.ts";
import { startFakeParliament } from "./server.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string" }, "rate-limit": { type: "string" }, "fail-every": { type: "string" } },
});
const which = positionals[0] ?? "corpus";
const dir = which === "corpus" ? CORPUS_DIR : which === "fixtures" ? FIXTURES_DIR : which;
const fake = await startFakeParliament({ dir, port: values.port ? Number(values.port) : undefined });
let count = 0;
const every429 = Number(values["rate-limit"] ?? 0);
const every500 = Number(values["fail-every"] ?? 0);
if (every429 || every500) {
  fake.inject({
    times: Infinity,
    when: () => every429 > 0 && ++count % every429 === 0,
    fault: { kind: "status", status: 429, retryAfter: "1" },
  });
  let n500 = 0;
  fake.inject({ times: Infinity, when: () => every500 > 0 && ++n500 % every500 === 0, fault: { kind: "status", status: 500 } });
}
console.log(`fake Written Questions API serving ${dir} (${fake.data.items.size} questions) at ${fake.url}`);
process.on("SIGINT", () => void fake.close().then(() => process.exit(0)));
