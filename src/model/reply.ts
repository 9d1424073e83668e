/**
 * The platform-neutral answer to a command. Adapters turn it into a terminal page, Block Kit or
 * Discord embeds; nothing here is markup of any platform. All text is plain text: adapters escape
 * it for their platform.
 */
import type { AnswerDiff } from "./answer-diff.ts";
import type { CommandRequest } from "./request.ts";

export interface Field {
  label: string;
  value: string;
}

export interface Card {
  /** The question's id in wq, for adapters that key messages by question. */
  id: string;
  title: string;
  /** A short line under the title: house, UIN, dates. */
  subtitle: string;
  fields: Field[];
  /**
   * Plain text, paragraphs separated by a blank line. `markedRanges` marks the matched words of a
   * search snippet as [start, end) offsets into `body`.
   */
  body: string;
  markedRanges: Array<[number, number]>;
  /** True when `body` is a snippet or cut answer and the full text is one action away. */
  bodyIsExcerpt: boolean;
  url: string;
}

/** `confirm` carries out what a preview showed (saving a subscription). */
export type ActionKind = "previous" | "next" | "full" | "share" | "confirm";

export interface Action {
  kind: ActionKind;
  label: string;
  /** The command that carries out the action: its whole state, so it survives a restart. */
  request: CommandRequest;
  /** For per-card actions, the card the action belongs to. */
  cardId?: string;
}

export interface Reply {
  /** "error" replies carry one line in `text` saying what was wrong and an example. */
  kind: "results" | "question" | "info" | "error";
  /** A heading line: "12 results for xinjiang (page 1 of 3)". */
  title: string;
  /** Free text under the title (help text, status lines, error message). */
  text: string;
  cards: Card[];
  actions: Action[];
  /** What a correction changed, word by word (an alert in the original's thread). */
  diff?: AnswerDiff;
  /** Whether the reply should first be shown only to the person who asked. */
  visibility: "private" | "public";
}

export function infoReply(title: string, text: string, visibility: Reply["visibility"] = "private"): Reply {
  return { kind: "info", title, text, cards: [], actions: [], visibility };
}

export function errorReply(message: string): Reply {
  return { kind: "error", title: "Sorry", text: message, cards: [], actions: [], visibility: "private" };
}
