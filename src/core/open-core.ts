import type { Store } from "../store/store.ts";
import type { CommandContext, Core } from "./core.ts";
import { questionCard } from "./commands/cards.ts";
import { helpReply } from "./commands/help.ts";
import { latestCommand } from "./commands/latest.ts";
import { parseCommand } from "./commands/parse-command.ts";
import type { CommandRequest } from "./commands/request.ts";
import { searchCommand } from "./commands/search.ts";
import { resolveRef, showCommand } from "./commands/show.ts";
import { statusReply } from "./commands/status.ts";
import { errorReply, type Reply } from "./reply.ts";
import { SearchIndex, type TextSource } from "./search/search-index.ts";

export interface OpenCoreOptions {
  store: Store;
  now?: () => Date;
  /** Called with an unexpected error before the user is told something went wrong. */
  onError?: (error: unknown, request: CommandRequest) => void;
}

export interface OpenedCore {
  core: Core;
  index: SearchIndex;
}

/** Texts for phrase checks, read from the store: the index keeps none. */
function storeTexts(store: Store): TextSource {
  return async (ids) => {
    const questions = await store.getQuestions(ids);
    return new Map(questions.map((q) => [q.id, [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n")]));
  };
}

/** Loads every stored question into a fresh index. */
export async function buildIndex(store: Store): Promise<SearchIndex> {
  const index = new SearchIndex(storeTexts(store));
  for await (const batch of store.allQuestions()) index.upsert(batch);
  return index;
}

/** The core over a store: its index built, its commands ready for any adapter. */
export async function openCore(options: OpenCoreOptions): Promise<OpenedCore> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const index = await buildIndex(store);
  const deps = { store, index };

  async function execute(request: CommandRequest, _ctx: CommandContext): Promise<Reply> {
    try {
      switch (request.name) {
        case "search":
          return await searchCommand(deps, request.query, request.page);
        case "show":
          return await showCommand(store, request.ref, request.full);
        case "latest":
          return await latestCommand(deps, request.count, request.query);
        case "status":
          return await statusReply({ store, now });
        case "help":
          return helpReply();
      }
    } catch (e) {
      options.onError?.(e, request);
      return errorReply("Something went wrong on our side; the error has been logged. Please try again.");
    }
  }

  const core: Core = {
    execute,
    async run(text, ctx) {
      const parsed = parseCommand(text);
      return parsed.ok ? execute(parsed.request, ctx) : errorReply(parsed.message);
    },
    resolve: (ref) => resolveRef(store, ref),
    card: (question, opts) => questionCard(question, { full: opts?.full ?? false }),
  };
  return { core, index };
}
