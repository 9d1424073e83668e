/**
 * A stand-in core for the moments between binding the port and having a search index. Adapters
 * get it at once, so Slack and Discord are acknowledged and told to try again shortly rather than
 * left to time out; when the real core is handed over, every call goes to it. It knows nothing of
 * how the index is built (in this thread, a worker, a snapshot): only when it is ready.
 */
import type { Core } from "./core.ts";
import { questionCard } from "./commands/cards.ts";
import { splitCommand } from "./commands/dispatch.ts";
import type { CommandSyntax } from "./core.ts";
import { infoReply, type Reply } from "../model/reply.ts";

export const WARMING_TITLE = "wq is warming up";
export const WARMING_TEXT = "wq is warming up, ready in a moment: its search index is loading. Please try again in a few seconds.";

export interface WarmingCore {
  /** Give this to the adapters; it answers "warming up" until `ready` hands over the real core. */
  readonly core: Core;
  ready(real: Core): void;
  readonly isReady: boolean;
}

async function warmingReply(name: string, syntax: CommandSyntax | undefined): Promise<Reply> {
  // Help needs no index, and is what a new user types first. The table is loaded only then: it
  // brings the search code with it, and this core exists so the port is bound before that.
  if (name !== "help") return infoReply(WARMING_TITLE, WARMING_TEXT);
  const [{ COMMANDS }, { helpReply }] = await Promise.all([import("./commands/table.ts"), import("./commands/help.ts")]);
  return helpReply(COMMANDS, syntax);
}

export function warmingCore(): WarmingCore {
  let real: Core | null = null;
  const core: Core = {
    async run(text, ctx) {
      if (real) return real.run(text, ctx);
      return warmingReply(splitCommand(text).word, ctx.syntax);
    },
    async execute(request, ctx) {
      return real ? real.execute(request, ctx) : warmingReply(request.name, ctx.syntax);
    },
    // Nothing to unfurl or share until the store's questions can be looked up through the core.
    async resolve(ref) {
      return real ? real.resolve(ref) : null;
    },
    card: (question, options) => (real ? real.card(question, options) : questionCard(question, { full: options?.full ?? false })),
  };
  return {
    core,
    ready(r) {
      real = r;
    },
    get isReady() {
      return real !== null;
    },
  };
}
