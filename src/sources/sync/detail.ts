/**
 * Step 2, detail: the full texts of every listed question whose text the list cut, unless the
 * store already holds that version whole. A detail that fails leaves the list's cut text, to be
 * tried again when the question is next listed.
 */
import { versionKey, type Question } from "../../model/question.ts";
import type { ApiClient, SyncLogger } from "../api-client.ts";
import { apiValueToQuestion, isTruncated, type ApiQuestion } from "../readers/api-json.ts";
import type { MemberDirectory } from "../readers/members.ts";
import type { Listed } from "./list.ts";
import type { SyncTally } from "./tally.ts";

/**
 * The version of a question built from its detail, with texts complete unless the detail sent the
 * list's cut copy back: an answer still ending "..." without HTML, or a question still 255
 * characters that stops mid-sentence (a question of exactly 255 characters ends with "." or "?").
 */
export function fromDetail(listed: ApiQuestion, detail: ApiQuestion, members: MemberDirectory | undefined): Question {
  const q = apiValueToQuestion(detail, members);
  const listQ = listed.questionText ?? "";
  const listA = listed.answerText ?? "";
  const questionStillCut =
    isTruncated({ questionText: listQ, answerText: null }) &&
    (detail.questionText ?? "") === listQ &&
    !/[.?]["'\u201d)]?\s*$/.test(listQ);
  const answerStillCut = isTruncated({ questionText: null, answerText: listA }) && (detail.answerText ?? "") === listA;
  return { ...q, textComplete: !(questionStillCut || answerStillCut) };
}

/** The listed records whose detail is worth fetching, given what the store holds. */
export function needingDetail(listed: readonly Listed[], held: ReadonlyMap<string, Question>): Listed[] {
  return listed.filter(({ value, question }) => {
    if (!isTruncated(value)) return false;
    const stored = held.get(question.id);
    if (!stored) return true;
    const [a, b] = [versionKey(stored), versionKey(question)];
    return a < b || (a === b && !stored.textComplete);
  });
}

interface DetailDeps {
  client: ApiClient;
  members: MemberDirectory | undefined;
  logger: SyncLogger;
  tally: SyncTally;
}

/** The complete questions by API id, for the listed records that need and got one. */
export async function detailStep(listed: readonly Listed[], held: ReadonlyMap<string, Question>, { client, members, logger, tally }: DetailDeps): Promise<Map<number, Question>> {
  const { progress } = tally;
  const wanted = needingDetail(listed, held);
  progress.phase = "detail";
  progress.detailsKnown += wanted.length;
  tally.report();
  const complete = new Map<number, Question>();
  await Promise.all(
    wanted.map(async ({ value }) => {
      const detail = await client.getQuestion(value.id);
      tally.run.details++;
      progress.detailsDone++;
      if (detail.kind === "ok") {
        try {
          complete.set(value.id, fromDetail(value, detail.value, members));
        } catch (error) {
          // Stored with the list's cut text (tried again when next listed) rather than lost.
          logger.warn(`question ${value.id}: kept the list's cut text, the detail could not be converted: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else if (detail.kind === "rejected") logger.warn(`question ${value.id}: kept the list's cut text, the detail failed validation`);
      else logger.warn(`question ${value.id}: the API has no detail for it; kept the list's cut text`);
      tally.report();
    }),
  );
  return complete;
}
