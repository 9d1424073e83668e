/**
 * Asserts a rendered message keeps every Slack limit and lets no foreign markup through. The
 * limits are Slack's documented numbers (test/fakes/slack/block-kit.ts), never src's constants,
 * so raising a src limit past Slack's fails here.
 */
import { expect } from "vitest";
import type { WqBlock } from "../../src/adapters/slack/render.ts";
import { SLACK_DOCUMENTED as SLACK_LIMITS, slackRefusal } from "../fakes/slack/block-kit.ts";

/** wq's own markup: links to the official site and the shared-by mention. */
const OWN_MARKUP = /<https:\/\/questions-statements\.parliament\.uk\/[^|<>\s]*\|[^<>]*>|<@U0001>/g;

export function checkMessage(message: { text: string; blocks: WqBlock[] }, maxBlocks: number = SLACK_LIMITS.messageBlocks): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.textAdvised);
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  // What the fake Slack (and Slack) would answer: invalid_blocks, msg_too_long, msg_blocks_too_long.
  expect(slackRefusal({ text: message.text, blocks: message.blocks }, maxBlocks)).toBeNull();
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
