/** A Reply as terminal text, plain or with ANSI bold and dim: what the console shows and the command line prints. */
import { terminalSafe } from "./terminal-text.ts";
import { allActions, showsTitle, type Card, type Reply } from "../../model/reply.ts";

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  /** Columns to wrap at. */
  width: number;
}

export const plainStyle: TerminalStyle = { bold: (t) => t, dim: (t) => t, width: 100 };
export const ansiStyle = (width: number): TerminalStyle => ({
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  width,
});

/** Strips control characters from text wq did not write, so Parliament text cannot drive the terminal. */
const safe = terminalSafe;

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/ +/)) {
      if (line && (line + " " + word).length > width - indent.length) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join("\n");
}

function marked(card: Card, style: TerminalStyle): string {
  let text = "";
  let at = 0;
  for (const [start, end] of [...card.markedRanges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    text += safe(card.body.slice(at, start)) + style.bold(safe(card.body.slice(start, end)));
    at = end;
  }
  return text + safe(card.body.slice(at));
}

export function renderCard(card: Card, n: number | null, style: TerminalStyle): string {
  const head = `${n === null ? "" : `${n}. `}${style.bold(safe(card.title))}`;
  const fields = card.fields.map((f) => `${f.label}: ${safe(f.value)}`).join(" | ");
  // A marked snippet is left unwrapped: escape codes would count towards the width.
  const body = card.markedRanges.length ? `   ${marked(card, style)}` : wrap(safe(card.body), style.width, "   ");
  return [head, style.dim(`   ${safe(card.subtitle)}`), wrap(fields, style.width, "   "), body, `   ${safe(card.url)}`].join("\n");
}

/** A Reply as terminal text: title, cards numbered, then what can be typed next. */
export function renderReply(reply: Reply, style: TerminalStyle = plainStyle): string {
  const parts: string[] = [];
  if (reply.kind === "error") parts.push(`${style.bold("Error:")} ${safe(reply.text)}`);
  else if (showsTitle(reply)) parts.push(style.bold(safe(reply.title)));
  if (reply.kind !== "error" && reply.text) parts.push(safe(reply.text));
  reply.cards.forEach((c, i) => parts.push(renderCard(c, reply.cards.length > 1 ? i + 1 : null, style)));
  const hints: string[] = [];
  const actions = allActions(reply);
  if (actions.some((a) => a.kind === "previous")) hints.push("prev");
  if (actions.some((a) => a.kind === "next")) hints.push("next");
  if (actions.some((a) => a.kind === "full")) hints.push(reply.cards.length > 1 ? "full <n>" : "full");
  if (hints.length) parts.push(style.dim(`Type ${hints.join(", ")}, or another command.`));
  return parts.join("\n\n");
}
