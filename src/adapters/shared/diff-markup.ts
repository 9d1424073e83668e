/**
 * A word diff (AnswerDiff segments) as one platform's markup, within a length: words taken out
 * struck through, words put in bold, each run of one mark wrapped once per line (neither Slack
 * nor Discord carries strike or bold across a line break). Cut after the last whole word that
 * fits, ending in the shared ellipsis. Built word by word (the marks open and close around runs),
 * so unlike text.ts's fitting of one marked text it needs no search over prefixes.
 */
import type { DiffSegment } from "../../model/answer-diff.ts";
import { ELLIPSIS } from "./text.ts";

export interface DiffMarkup {
  /** Makes text wq did not write show as itself (no formatting, no mention). */
  escape(text: string): string;
  /** The markers around an escaped run: Slack `~` and `*`, Discord `~~` and `**`. */
  del: string;
  ins: string;
  /**
   * Whether a mark needs a space (or punctuation) beside it to count: Slack reads `~x~` only at
   * word edges, so `4*.5*` would show its asterisks. A space is then put between runs that touch.
   */
  markNeedsEdge: boolean;
}

interface Run {
  mark: "del" | "ins";
  body: string;
}

export function renderDiff(segments: readonly DiffSegment[], markup: DiffMarkup, max: number): { text: string; cut: boolean } {
  const marker = (mark: "del" | "ins"): string => (mark === "del" ? markup.del : markup.ins);
  let out = "";
  // The open marked run: its escaped body (no trailing space), kept apart so it can be closed.
  let run = null as Run | null;
  let space = "";
  const wrapped = (r: Run | null): string => (r ? `${marker(r.mark)}${r.body}${marker(r.mark)}` : "");
  const wrappedLength = (r: Run | null): number => (r ? r.body.length + 2 * marker(r.mark).length : 0);
  const room = Math.max(0, max - ELLIPSIS.length);
  for (const segment of segments) {
    for (const token of segment.text.split(/(\s+)/)) {
      if (token === "") continue;
      if (/^\s+$/.test(token)) {
        space += token;
        continue;
      }
      const word = markup.escape(token);
      let nextOut = out;
      let nextRun: Run | null;
      if (run && run.mark === segment.mark && !space.includes("\n")) nextRun = { mark: run.mark, body: run.body + space + word };
      else {
        // Slack: a run that touches the word before or after it gets a space, or it shows its markers.
        const touching = space === "" && (out !== "" || run !== null) && (run !== null || segment.mark !== null);
        // Everywhere: two runs that touch ("12" out, "14" in) read as one word ("1214") without it.
        const bothMarked = run !== null && segment.mark !== null;
        const slackEdge = markup.markNeedsEdge && !(run !== null && segment.mark === null && /^[.,;:!?)\]]/.test(token));
        const edge = touching && (bothMarked || slackEdge) ? " " : "";
        nextOut = out + wrapped(run) + space + edge;
        if (segment.mark) nextRun = { mark: segment.mark, body: word };
        else {
          nextOut += word;
          nextRun = null;
        }
      }
      if (nextOut.length + wrappedLength(nextRun) > room) {
        const shown = (out + wrapped(run)).trimEnd();
        return { text: shown + ELLIPSIS, cut: true };
      }
      out = nextOut;
      run = nextRun;
      space = "";
    }
  }
  return { text: (out + wrapped(run)).trimEnd(), cut: false };
}
