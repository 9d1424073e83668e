import { versionKey, type Question } from "../model/question.ts";

export type MergeOutcome = { kind: "insert" | "replace"; record: Question } | { kind: "keep" };

/**
 * Decides what the store keeps when `incoming` meets `stored` (same id). A newer version wins; an
 * older one is ignored. At the same version a complete text wins over the list endpoint's
 * truncated copy, and a correction keeps the original answer if the newer copy lacks it. A newer
 * list copy (an answer date where the detail had none) keeps the full texts held when its cut
 * texts are the start of them: the newer fact wins, and no text is lost to the list's cut.
 */
export function mergeQuestion(stored: Question | null, incoming: Question): MergeOutcome {
  if (!stored) return { kind: "insert", record: incoming };
  const a = versionKey(stored);
  const b = versionKey(incoming);
  if (b < a) return { kind: "keep" };
  let record = incoming;
  if (b === a && stored.textComplete && !incoming.textComplete) {
    record = {
      ...incoming,
      questionText: stored.questionText,
      answerText: stored.answerText,
      answerHtml: stored.answerHtml,
      textComplete: true,
    };
  }
  if (b > a && !incoming.textComplete && stored.textComplete) record = keepFullTexts(stored, record);
  if (record.isCorrection && !record.originalAnswerText) {
    // The API does not always send the original answer; the one we held before is it.
    const original = stored.isCorrection ? stored.originalAnswerText : stored.answerText;
    if (original && original !== record.answerText) record = { ...record, originalAnswerText: original };
  }
  // Members are filled from a members file; a later copy without names must not erase them.
  record = {
    ...record,
    askingMember: keepMemberName(stored.askingMember, record.askingMember),
    answeringMember: keepMemberName(stored.answeringMember, record.answeringMember),
  };
  if (JSON.stringify(record) === JSON.stringify(stored)) return { kind: "keep" };
  return { kind: "replace", record };
}

function keepMemberName(stored: Question["askingMember"], incoming: Question["askingMember"]): Question["askingMember"] {
  if (!incoming) return incoming;
  if (stored && stored.id === incoming.id && incoming.name === "" && stored.name !== "") return stored;
  return incoming;
}

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Whether `cut` (the list's copy, maybe ending "...") is the start of `full`. */
function isCutOf(cut: string | null, full: string | null): boolean {
  if (!cut || !full) return false;
  const head = squash(cut.endsWith("...") ? cut.slice(0, -3) : cut).slice(0, 200);
  return head.length > 0 && squash(full.slice(0, head.length * 2 + 200)).startsWith(head);
}

function keepFullTexts(stored: Question, incoming: Question): Question {
  const question = isCutOf(incoming.questionText, stored.questionText);
  const answer = incoming.answerText === null || isCutOf(incoming.answerText, stored.answerText);
  if (!question || !answer || (incoming.answerText === null && stored.answerText !== null && !incoming.isWithdrawn)) return incoming;
  return {
    ...incoming,
    questionText: stored.questionText,
    answerText: incoming.answerText === null ? null : stored.answerText,
    answerHtml: incoming.answerText === null ? null : stored.answerHtml,
    textComplete: true,
  };
}
