/** Step 1, list: every filter's pages of a step, one version per question, the newest. */
import { versionKey, type Question } from "../../model/question.ts";
import type { ApiClient } from "../api-client.ts";
import { apiValueToQuestion, type ApiQuestion } from "../readers/api-json.ts";
import type { MemberDirectory } from "../readers/members.ts";
import type { SyncTally } from "./tally.ts";
import type { SyncStep } from "./types.ts";

/** A listed record with the question made of it (its texts possibly cut by the list). */
export interface Listed {
  value: ApiQuestion;
  question: Question;
}

export async function listStep(client: ApiClient, step: SyncStep, members: MemberDirectory | undefined, tally: SyncTally): Promise<Listed[]> {
  const { progress } = tally;
  const byId = new Map<number, Listed>();
  await Promise.all(
    step.filters.map((filter) =>
      client.listAll(filter, (page, pagesKnown) => {
        if (page.skip === 0) progress.pagesKnown += pagesKnown;
        else if (page.skip >= pagesKnown * 100) progress.pagesKnown++;
        progress.pagesDone++;
        progress.itemsListed += page.items.length;
        tally.run.pages++;
        page.rejected.forEach((r) => tally.skip(r));
        for (const value of page.items) {
          // One record that cannot be converted (hostile HTML) is skipped and named; the rest go on.
          let question: Question;
          try {
            question = apiValueToQuestion(value, members);
          } catch (error) {
            tally.skip({ id: value.id, reason: error instanceof Error ? error.message : String(error) });
            continue;
          }
          const held = byId.get(value.id);
          if (!held || versionKey(question) > versionKey(held.question)) byId.set(value.id, { value, question });
        }
        tally.report();
      }),
    ),
  );
  tally.listed(byId.keys());
  return [...byId.values()];
}
