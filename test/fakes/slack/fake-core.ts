/** A Core whose answers a test sets, recording what it was asked. */
import type { CommandContext, Core } from "../../../src/core/core.ts";
import type { CommandRequest } from "../../../src/model/request.ts";
import type { Question } from "../../../src/model/question.ts";
import { infoReply, type Card, type Reply } from "../../../src/model/reply.ts";

export interface FakeCore extends Core {
  runs: Array<{ text: string; ctx: CommandContext }>;
  executes: Array<{ request: CommandRequest; ctx: CommandContext }>;
  resolves: string[];
}

export function fakeCore(answers: {
  run?: (text: string) => Promise<Reply>;
  execute?: (request: CommandRequest) => Promise<Reply>;
  resolve?: (ref: string) => Promise<Question | null>;
  card?: (q: Question) => Card;
} = {}): FakeCore {
  const core: FakeCore = {
    runs: [],
    executes: [],
    resolves: [],
    async run(text, ctx) {
      core.runs.push({ text, ctx });
      return answers.run ? answers.run(text) : infoReply("ran", text);
    },
    async execute(request, ctx) {
      core.executes.push({ request, ctx });
      return answers.execute ? answers.execute(request) : infoReply("executed", request.name);
    },
    async resolve(ref) {
      core.resolves.push(ref);
      return answers.resolve ? answers.resolve(ref) : null;
    },
    card(q) {
      if (answers.card) return answers.card(q);
      return { id: q.id, title: q.heading, subtitle: "", fields: [], body: q.questionText, markedRanges: [], bodyIsExcerpt: false, url: q.url, actions: [] };
    },
  };
  return core;
}
