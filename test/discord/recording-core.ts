/**
 * The real core (seeded: "China: Uighurs" and ten fixture questions), wrapped to record what the
 * adapter asks and to fail on demand, so tests see both the context passed and the failure path.
 */
import type { CommandRequest } from "../../src/model/request.ts";
import type { CommandContext, Core } from "../../src/core/core.ts";

export const FAILING_QUERY = "make the core throw";

export interface RecordingCore extends Core {
  calls: Array<{ request: CommandRequest; ctx: CommandContext }>;
}

export function recording(core: Core): RecordingCore {
  const calls: RecordingCore["calls"] = [];
  return {
    calls,
    run: (text, ctx) => core.run(text, ctx),
    resolve: (ref) => core.resolve(ref),
    card: (question, options) => core.card(question, options),
    async execute(request, ctx) {
      calls.push({ request, ctx });
      if (request.name === "search" && request.query === FAILING_QUERY) throw new Error("index on fire");
      return core.execute(request, ctx);
    },
  };
}
