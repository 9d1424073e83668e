/**
 * The few Block Kit blocks wq sends, as narrow types (assignable to Slack's KnownBlock) so the
 * renderer can measure them against the limits. Builders clip to the per-element limits; the
 * message-wide limits are the renderer's job.
 */
import { clip, SLACK_LIMITS } from "./limits.ts";

/** Plain text is shown literally by Slack (no mentions, links or formatting): sent unescaped. */
export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}
/** mrkdwn text is always built from escaped text; `verbatim` stops Slack's own auto-linking. */
export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
  verbatim: true;
}
export interface HeaderBlock {
  type: "header";
  text: PlainText;
}
export interface SectionBlock {
  type: "section";
  text: Mrkdwn;
}
export interface ContextBlock {
  type: "context";
  elements: Mrkdwn[];
}
export interface ButtonElement {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary" | "danger";
}
export interface ActionsBlock {
  type: "actions";
  elements: ButtonElement[];
}
export interface DividerBlock {
  type: "divider";
}
export type WqBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: clip(oneLine(text), SLACK_LIMITS.headerText), emoji: false } };
}

/** `mrkdwn` must already be escaped and within the section limit; clipping here is a last guard. */
export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: clip(mrkdwn, SLACK_LIMITS.sectionText), verbatim: true } };
}

export function context(mrkdwns: string[]): ContextBlock {
  const elements = mrkdwns.slice(0, SLACK_LIMITS.contextElements).map((text): Mrkdwn => ({
    type: "mrkdwn",
    text: clip(text, SLACK_LIMITS.sectionText),
    verbatim: true,
  }));
  return { type: "context", elements };
}

export function button(actionId: string, label: string, value: string, style?: "primary" | "danger"): ButtonElement {
  const element: ButtonElement = {
    type: "button",
    action_id: actionId.slice(0, SLACK_LIMITS.actionId),
    text: { type: "plain_text", text: clip(oneLine(label), SLACK_LIMITS.buttonText), emoji: false },
    value,
  };
  if (style) element.style = style;
  return element;
}

export function actions(elements: ButtonElement[]): ActionsBlock {
  return { type: "actions", elements: elements.slice(0, SLACK_LIMITS.actionsElements) };
}

export const divider: DividerBlock = { type: "divider" };

/** The characters of a block that count toward Slack's message-wide block text limit. */
export function textLength(block: WqBlock): number {
  switch (block.type) {
    case "header":
    case "section":
      return block.text.text.length;
    case "context":
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case "actions":
      // Counted conservatively: labels and values both travel in the blocks.
      return block.elements.reduce((n, e) => n + e.text.text.length + e.value.length, 0);
    case "divider":
      return 0;
  }
}

export function totalTextLength(blocks: readonly WqBlock[]): number {
  return blocks.reduce((n, b) => n + textLength(b), 0);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
