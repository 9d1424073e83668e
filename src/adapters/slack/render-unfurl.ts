/** A question card as a link preview: title, a short excerpt and the context line, no buttons. */
import type { Card } from "../../model/reply.ts";
import type { WqBlock } from "./blocks.ts";
import { cardBlocks } from "./render-card.ts";

/** A preview is a glance, not the answer: the excerpt stays short. */
const UNFURL_CHARS = 1500;

export function renderUnfurl(card: Card): WqBlock[] {
  return cardBlocks(card, [], { chars: UNFURL_CHARS, blocks: 3, divider: false, hasFullButton: false }) ?? [];
}
