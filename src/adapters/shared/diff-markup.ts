/**
 * A word diff (AnswerDiff segments) as one platform's markup, within a length: words taken out
 * struck through, words put in bold, each run of one mark wrapped once per line (neither Slack
 * nor Discord carries strike or bold across a line break). Cut with the shared fitting (text.ts:
 * the longest prefix whose rendering fits, at a paragraph, line, sentence or word), ending in the
 * shared ellipsis.
 */
import type { DiffSegment } from "../../model/answer-diff.ts";
import { ELLIPSIS, fitPrefix } from "./text.ts";

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

/** The segments as markup, whole. */
function marked(segments: readonly DiffSegment[], markup: DiffMarkup): string {
  const wrapped = (r: Run | null): string => (r ? `${r.mark === "del" ? markup.del : markup.ins}${r.body}${r.mark === "del" ? markup.del : markup.ins}` : "");
  let out = "";
  // The open marked run: its escaped body (no trailing space), kept apart so it can be closed.
  let run = null as Run | null;
  let space = "";
  for (const segment of segments) {
    for (const token of segment.text.split(/(\s+)/)) {
      if (token === "") continue;
      if (/^\s+$/.test(token)) {
        space += token;
        continue;
      }
      const word = markup.escape(token);
      if (run && run.mark === segment.mark && !space.includes("\n")) {
        run = { mark: run.mark, body: run.body + space + word };
      } else {
        // Everywhere: two runs that touch ("12" out, "14" in) read as one word ("1214") without a space.
        // Slack: a run that touches the word before or after it gets one too, or it shows its markers.
        const touching = space === "" && (out !== "" || run !== null) && (run !== null || segment.mark !== null);
        const bothMarked = run !== null && segment.mark !== null;
        const slackEdge = markup.markNeedsEdge && !(run !== null && segment.mark === null && /^[.,;:!?)\]]/.test(token));
        out += wrapped(run) + space + (touching && (bothMarked || slackEdge) ? " " : "");
        if (segment.mark) run = { mark: segment.mark, body: word };
        else {
          out += word;
          run = null;
        }
      }
      space = "";
    }
  }
  return (out + wrapped(run)).trimEnd();
}

/** The segments cut to the first `n` characters of their joined text. */
function prefix(segments: readonly DiffSegment[], n: number): DiffSegment[] {
  const out: DiffSegment[] = [];
  let left = n;
  for (const s of segments) {
    if (left <= 0) break;
    out.push(s.text.length <= left ? s : { ...s, text: s.text.slice(0, left) });
    left -= s.text.length;
  }
  return out;
}

export function renderDiff(segments: readonly DiffSegment[], markup: DiffMarkup, max: number): { text: string; cut: boolean } {
  const plain = segments.map((s) => s.text).join("");
  const render = (n: number): string => (n >= plain.length ? marked(segments, markup) : marked(prefix(segments, n), markup) + ELLIPSIS);
  const n = fitPrefix(plain, max, render);
  return { text: render(n), cut: n < plain.length };
}
