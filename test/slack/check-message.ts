/** Asserts a rendered message keeps every Slack limit and lets no foreign markup through. */
import { expect } from "vitest";
import { totalTextLength, type WqBlock } from "../../src/adapters/slack/blocks.ts";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";

/** wq's own markup: links to the official site and the shared-by mention. */
const OWN_MARKUP = /<https:\/\/questions-statements\.parliament\.uk\/[^|<>\s]*\|[^<>]*>|<@U0001>/g;

export function checkMessage(message: { text: string; blocks: WqBlock[] }, maxBlocks: number = SLACK_LIMITS.messageBlocks): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(totalTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageBlockText);
  const mrkdwn: string[] = [message.text];
  const actionIds: string[] = [];
  for (const block of message.blocks) {
    switch (block.type) {
      case "header":
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        break;
      case "section":
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect(block.text.verbatim).toBe(true);
        mrkdwn.push(block.text.text);
        break;
      case "context":
        expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
        expect(block.elements.length).toBeGreaterThan(0);
        mrkdwn.push(...block.elements.map((e) => e.text));
        break;
      case "actions":
        expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const b of block.elements) {
          expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
          expect(b.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
          expect(b.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
          actionIds.push(b.action_id);
        }
        break;
      case "divider":
        break;
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
  for (const text of mrkdwn) expect(text.replace(OWN_MARKUP, "")).not.toMatch(/[<>]/);
  // Slack refuses empty text objects.
  for (const text of mrkdwn) expect(text.trim().length).toBeGreaterThan(0);
  for (const block of message.blocks) if (block.type === "header") expect(block.text.text.trim().length).toBeGreaterThan(0);
}
