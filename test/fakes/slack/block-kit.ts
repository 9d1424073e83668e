/**
 * Slack's limits as Slack documents them, written out here and NOT imported from src, so a limit
 * raised in src past Slack's fails the tests instead of moving the goalposts with it. The fake
 * Slack refuses what breaks them with the error Slack gives; check-message asserts them too.
 */
import { z } from "zod";

export const SLACK_DOCUMENTED = {
  // https://api.slack.com/reference/block-kit/blocks: "Maximum of 50 blocks" in a message,
  // 100 in a modal or Home tab.
  messageBlocks: 50,
  homeBlocks: 100,
  // https://api.slack.com/reference/block-kit/blocks#section: text "Maximum length ... is 3000
  // characters"; fields "Maximum number of items is 10", each "Maximum length ... is 2000".
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  // https://api.slack.com/reference/block-kit/blocks#header: "Maximum length ... is 150 characters".
  headerText: 150,
  // https://api.slack.com/reference/block-kit/blocks#context: "Maximum number of items is 10".
  contextElements: 10,
  // https://api.slack.com/reference/block-kit/blocks#actions: "There is a maximum of 25 elements".
  actionsElements: 25,
  // https://api.slack.com/reference/block-kit/block-elements#button: text 75, value 2000,
  // action_id 255 characters.
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  // https://api.slack.com/methods/chat.postMessage#truncating: "For best results, limit the number
  // of characters in the text field to 4,000 characters ... Slack will truncate messages containing
  // more than 40,000 characters", and the method's errors list msg_too_long.
  textAdvised: 4000,
  textMax: 40_000,
  // Undocumented, measured: chat.postMessage answers msg_blocks_too_long at about 12,000 characters
  // of block text (../shared/notes/platform-facts.md).
  blockText: 12_000,
  // https://api.slack.com/interactivity/handling#message_responses: a response_url "can be used up
  // to 5 times within 30 minutes".
  responseUrlPosts: 5,
  // https://api.slack.com/methods/chat.postMessage: rate limit "Special", generally one message a
  // second per channel.
  channelPostIntervalMs: 1000,
} as const;

const TextObject = z.object({ type: z.string(), text: z.string() }).loose();
const Element = z.object({ type: z.string(), text: TextObject.optional(), value: z.string().optional(), action_id: z.string().optional() }).loose();
const Block = z
  .object({
    type: z.string(),
    text: TextObject.optional(),
    fields: z.array(TextObject).optional(),
    elements: z.array(z.union([TextObject, Element])).optional(),
  })
  .loose();

/** Slack's error for this message (text and blocks), or null when Slack would take it. */
export function slackRefusal(args: Record<string, unknown>, maxBlocks: number = SLACK_DOCUMENTED.messageBlocks): string | null {
  const text = typeof args.text === "string" ? args.text : "";
  if (text.length > SLACK_DOCUMENTED.textMax) return "msg_too_long";
  if (args.blocks === undefined) return null;
  const blocks = z.array(Block).safeParse(args.blocks);
  if (!blocks.success || blocks.data.length > maxBlocks) return "invalid_blocks";
  let blockText = 0;
  for (const block of blocks.data) {
    const refusal = blockRefusal(block);
    if (refusal) return refusal;
    blockText += blockTextLength(block);
  }
  return blockText > SLACK_DOCUMENTED.blockText ? "msg_blocks_too_long" : null;
}

function blockRefusal(block: z.infer<typeof Block>): string | null {
  const L = SLACK_DOCUMENTED;
  const over = (s: string | undefined, max: number): boolean => s !== undefined && (s.length > max || s.trim().length === 0);
  switch (block.type) {
    case "header":
      return over(block.text?.text, L.headerText) ? "invalid_blocks" : null;
    case "section":
      if (block.text === undefined && block.fields === undefined) return "invalid_blocks";
      if (over(block.text?.text, L.sectionText)) return "invalid_blocks";
      if ((block.fields?.length ?? 0) > L.sectionFields || block.fields?.some((f) => over(f.text, L.fieldText))) return "invalid_blocks";
      return null;
    case "context":
      if (!block.elements?.length || block.elements.length > L.contextElements) return "invalid_blocks";
      return block.elements.some((e) => over(typeof e.text === "string" ? e.text : undefined, L.sectionText)) ? "invalid_blocks" : null;
    case "actions": {
      if (!block.elements?.length || block.elements.length > L.actionsElements) return "invalid_blocks";
      const ids = new Set<string>();
      for (const e of block.elements) {
        const b = Element.parse(e);
        if (b.type !== "button") continue;
        if (over(b.text?.text, L.buttonText) || (b.value?.length ?? 0) > L.buttonValue || (b.action_id?.length ?? 0) > L.actionId) return "invalid_blocks";
        // Slack refuses two elements of a block with the same action_id.
        if (b.action_id !== undefined && ids.has(b.action_id)) return "invalid_blocks";
        if (b.action_id !== undefined) ids.add(b.action_id);
      }
      return null;
    }
    default:
      return null;
  }
}

function blockTextLength(block: z.infer<typeof Block>): number {
  let n = (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((s, f) => s + f.text.length, 0);
  for (const e of block.elements ?? []) {
    if (typeof e.text === "string") n += e.text.length;
    else if (e.text && typeof e.text === "object") n += TextObject.parse(e.text).text.length;
  }
  return n;
}
