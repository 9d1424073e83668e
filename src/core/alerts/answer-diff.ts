import { diffWords } from "diff";
import type { AnswerDiff, DiffSegment } from "../../model/answer-diff.ts";
import type { Question } from "../../model/question.ts";

/**
 * How many tokens (words and the spaces between them) may change before the comparison gives up
 * and shows old and new whole, and how long a text it tries at all. diffWords runs in time about
 * (tokens x changes): measured here, two wholly different 3,000-word answers take 50 ms at 300
 * and 290 ms at 1,500; these bounds keep one correction well under 100 ms on the event loop that
 * also answers Slack and Discord.
 */
export const MAX_EDIT_LENGTH = 300;
export const MAX_DIFF_CHARS = 30_000;

/** Merges neighbours with the same mark, so renderers see as few runs as possible. */
function merged(segments: readonly DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segments) {
    if (s.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.mark === s.mark) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** Word-level changes from `before` to `after` (the diff package's diffWords, whitespace kept as typed). */
export function wordDiff(before: string, after: string, label: string): AnswerDiff {
  const tooLong = before.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS;
  const changes = tooLong ? undefined : diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) {
    return { label, wordLevel: false, segments: merged([{ text: before, mark: "del" }, { text: "\n", mark: null }, { text: after, mark: "ins" }]) };
  }
  return { label, wordLevel: true, segments: merged(changes.map((c) => ({ text: c.value, mark: c.added ? "ins" : c.removed ? "del" : null }))) };
}

/** What a correction changed in the answer, or null when the original answer is not known. */
export function correctionDiff(q: Pick<Question, "isCorrection" | "originalAnswerText" | "answerText">): AnswerDiff | null {
  if (!q.isCorrection || !q.originalAnswerText || !q.answerText) return null;
  return wordDiff(q.originalAnswerText, q.answerText, "What the correction changed");
}
