/** Each Slack limit, at the limit and one past it. */
import { describe, expect, test } from "vitest";
import { encodeRequest } from "../../src/adapters/slack/action-value.ts";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";
import { button, context, header, renderFull, renderHome, renderReply, section, totalTextLength } from "../../src/adapters/slack/render.ts";
import { clip, ELLIPSIS } from "../../src/adapters/shared/text.ts";
import { infoReply, type Action, type Reply } from "../../src/model/reply.ts";
import { SLACK_DOCUMENTED } from "../fakes/slack/block-kit.ts";
import { checkMessage } from "./check-message.ts";
import { card, hugeAnswer, question, results } from "./replies.ts";

describe("src's limits against Slack's documented numbers", () => {
  test("every per-element and message limit wq renders to is at or under Slack's", () => {
    const D = SLACK_DOCUMENTED;
    expect(SLACK_LIMITS.messageBlocks).toBeLessThanOrEqual(D.messageBlocks);
    expect(SLACK_LIMITS.homeBlocks).toBeLessThanOrEqual(D.homeBlocks);
    expect(SLACK_LIMITS.sectionText).toBeLessThanOrEqual(D.sectionText);
    expect(SLACK_LIMITS.sectionFields).toBeLessThanOrEqual(D.sectionFields);
    expect(SLACK_LIMITS.fieldText).toBeLessThanOrEqual(D.fieldText);
    expect(SLACK_LIMITS.headerText).toBeLessThanOrEqual(D.headerText);
    expect(SLACK_LIMITS.contextElements).toBeLessThanOrEqual(D.contextElements);
    expect(SLACK_LIMITS.actionsElements).toBeLessThanOrEqual(D.actionsElements);
    expect(SLACK_LIMITS.buttonText).toBeLessThanOrEqual(D.buttonText);
    expect(SLACK_LIMITS.buttonValue).toBeLessThanOrEqual(D.buttonValue);
    expect(SLACK_LIMITS.actionId).toBeLessThanOrEqual(D.actionId);
    expect(SLACK_LIMITS.fallbackText).toBeLessThanOrEqual(D.textAdvised);
    expect(SLACK_LIMITS.responseUrlPosts).toBeLessThanOrEqual(D.responseUrlPosts);
    // Alerts to one channel are spaced at least as far apart as Slack allows.
    expect(SLACK_LIMITS.channelPostIntervalMs).toBeGreaterThanOrEqual(D.channelPostIntervalMs);
  });
  test("wq's block text budget keeps a margin under the ~12,000 where Slack answers msg_blocks_too_long", () => {
    expect(SLACK_LIMITS.messageBlockText).toBeLessThanOrEqual(SLACK_DOCUMENTED.blockText - 500);
  });
});

describe("clip", () => {
  test("keeps text at the limit and cuts one past it to the limit, ending in an ellipsis", () => {
    expect(clip("a".repeat(10), 10)).toBe("a".repeat(10));
    expect(clip("a".repeat(11), 10)).toBe("a".repeat(9) + ELLIPSIS);
    expect(clip("abc", 0)).toBe("");
  });
  test("never splits a surrogate pair", () => {
    const cut = clip("a".repeat(8) + "😀😀", 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe("a".repeat(8) + ELLIPSIS);
  });
});

describe("per-element limits", () => {
  test(`header: ${SLACK_LIMITS.headerText} characters`, () => {
    expect(header("h".repeat(150)).text.text).toHaveLength(150);
    expect(header("h".repeat(151)).text.text).toHaveLength(150);
    expect(header("h".repeat(151)).text.text.endsWith(ELLIPSIS)).toBe(true);
  });
  test(`section text: ${SLACK_LIMITS.sectionText} characters`, () => {
    expect(section("s".repeat(3000)).text.text).toHaveLength(3000);
    expect(section("s".repeat(3001)).text.text).toHaveLength(3000);
  });
  test(`button text ${SLACK_LIMITS.buttonText}, action_id ${SLACK_LIMITS.actionId}`, () => {
    expect(button("id", "b".repeat(75), "{}").text.text).toHaveLength(75);
    expect(button("id", "b".repeat(76), "{}").text.text).toHaveLength(75);
    expect(button("i".repeat(256), "b", "{}").action_id).toHaveLength(255);
  });
  test(`button value: ${SLACK_LIMITS.buttonValue} characters, or no button`, () => {
    const overhead = JSON.stringify({ name: "search", query: "", page: 1 }).length;
    expect(encodeRequest({ name: "search", query: "q".repeat(2000 - overhead), page: 1 })).toHaveLength(2000);
    expect(encodeRequest({ name: "search", query: "q".repeat(2001 - overhead), page: 1 })).toBeNull();
    const long = results([card()], "q".repeat(2001 - overhead));
    const ids = renderReply(long).blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => e.action_id) : []));
    expect(ids.filter((i) => i.startsWith("wq:next:") || i.startsWith("wq:previous:"))).toEqual([]);
    expect(ids.some((i) => i.startsWith("wq:share:"))).toBe(true);
  });
  test(`context: ${SLACK_LIMITS.contextElements} elements`, () => {
    expect(context(Array.from({ length: 12 }, (_, i) => `e${i}`)).elements).toHaveLength(10);
    const many = card({ fields: Array.from({ length: 15 }, (_, i) => ({ label: `F${i}`, value: `v${i}` })) });
    const msg = renderReply(question(many));
    checkMessage(msg);
    expect(JSON.stringify(msg.blocks)).toContain("v14");
  });
  test(`actions: ${SLACK_LIMITS.actionsElements} buttons a block`, () => {
    const actions: Action[] = Array.from({ length: 30 }, (_, i) => ({ kind: "next", label: `Page ${i}`, style: "default", effect: "replace", request: { name: "search", query: "x", page: i + 1 } }));
    const reply: Reply = { ...infoReply("Pages", "Pick one"), actions };
    const msg = renderReply(reply);
    checkMessage(msg);
    const blocks = msg.blocks.filter((b) => b.type === "actions");
    for (const b of blocks) expect(b.elements.length).toBeLessThanOrEqual(SLACK_DOCUMENTED.actionsElements);
    // All that one block holds are shown, in order; the ones past Slack's 25 are the ones left out.
    const labels = blocks.flatMap((b) => b.elements.map((e) => e.text.text));
    expect(labels).toEqual(Array.from({ length: 25 }, (_, i) => `Page ${i}`));
  });
});

describe("message-wide limits", () => {
  test(`${SLACK_LIMITS.messageBlocks} blocks: 55 result cards`, () => {
    const cards = Array.from({ length: 55 }, (_, i) => card({ id: String(i), title: `Question ${i}`, body: `Snippet ${i} `.repeat(30) }));
    const msg = renderReply(results(cards));
    checkMessage(msg);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(msg.blocks)).toMatch(/\d+ more not shown here/);
    expect(JSON.stringify(msg.blocks)).toContain("wq:next:");
  });
  test(`${SLACK_LIMITS.messageBlockText} characters of block text: a 55 KB answer`, () => {
    const body = hugeAnswer();
    expect(body.length).toBeGreaterThanOrEqual(55_000);
    const msg = renderReply(question(card({ body, bodyIsExcerpt: true })));
    checkMessage(msg);
    expect(totalTextLength(msg.blocks)).toBeGreaterThan(SLACK_LIMITS.messageBlockText * 0.8);
  });
  test(`fallback text: at most ${SLACK_LIMITS.fallbackText} characters`, () => {
    const cards = Array.from({ length: 40 }, (_, i) => card({ id: String(i), title: `A rather long question heading number ${i} & more`.repeat(3) }));
    const msg = renderReply(results(cards));
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
  test(`a full answer uses at most ${SLACK_LIMITS.responseUrlPosts - 1} response_url posts and links the rest`, () => {
    const body = hugeAnswer().repeat(2);
    const messages = renderFull(question(card({ body })));
    expect(messages.length).toBe(SLACK_LIMITS.responseUrlPosts - 1);
    for (const m of messages) checkMessage(m);
    expect(JSON.stringify(messages.at(-1)?.blocks)).toContain("read all of it on the official site");
  });
  test(`home view: ${SLACK_LIMITS.homeBlocks} blocks`, () => {
    const help = infoReply("Help", Array.from({ length: 150 }, (_, i) => `Paragraph ${i} `.repeat(250)).join("\n\n"));
    const view = renderHome(help);
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.homeBlocks);
    for (const b of view.blocks) if (b.type === "section") expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});
