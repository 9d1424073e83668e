/** Replies as Block Kit: layout, buttons, sharing, errors, and the hostile and huge cases. */
import { describe, expect, test } from "vitest";
import { decodeRequest } from "../../src/adapters/slack/action-value.ts";
import { renderFull, renderHome, renderReply, renderUnfurl } from "../../src/adapters/slack/render.ts";
import { errorReply, infoReply } from "../../src/model/reply.ts";
import { checkMessage } from "./check-message.ts";
import { allText, buttons, mrkdwnTexts } from "./message-helpers.ts";
import { card, HOSTILE, hugeAnswer, question, results } from "./replies.ts";

describe("results", () => {
  test("a page of cards: header, linked titles, bold matches, per-card and paging buttons", () => {
    const cards = [1, 2, 3].map((i) => card({ id: String(i), title: `Question ${i}`, body: `Uighurs in Xinjiang ${i}`, markedRanges: [[0, 7]], bodyIsExcerpt: true }));
    const msg = renderReply(results(cards, "uighurs", 2));
    checkMessage(msg);
    expect(msg.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "3 results for uighurs", emoji: false } });
    expect(allText(msg)).toContain("*<https://questions-statements.parliament.uk/written-questions/detail/2021-06-14/15023|Question 2>*\n*Uighurs* in Xinjiang 2");
    const ids = buttons(msg).map((b) => b.action_id);
    expect(ids.filter((i) => i.startsWith("wq:full:"))).toHaveLength(3);
    expect(ids.filter((i) => i.startsWith("wq:share:"))).toHaveLength(3);
    expect(ids.slice(-2).map((i) => i.split(":")[1])).toEqual(["previous", "next"]);
    expect(msg.text).toBe("3 results for uighurs: Question 1; Question 2; Question 3");
  });

  test("button values are the requests, and parse back", () => {
    const msg = renderReply(results([card()], "uighurs", 1));
    const values = buttons(msg).map((b) => decodeRequest(b.value));
    expect(values).toContainEqual({ name: "search", query: "uighurs", page: 2 });
    expect(values).toContainEqual({ name: "show", ref: "1", full: true });
  });

  test("a long first result does not starve the others", () => {
    const cards = [card({ id: "a", body: hugeAnswer() }), ...[1, 2, 3, 4].map((i) => card({ id: String(i), title: `Short ${i}` }))];
    const msg = renderReply(results(cards));
    checkMessage(msg);
    for (const i of [1, 2, 3, 4]) expect(allText(msg)).toContain(`Short ${i}`);
  });

  test("55 cards: as many as fit, then how many more", () => {
    const cards = Array.from({ length: 55 }, (_, i) => card({ id: String(i), title: `Q${i}`, body: `body ${i} `.repeat(80) }));
    const msg = renderReply(results(cards));
    checkMessage(msg);
    const shown = msg.blocks.filter((b) => b.type === "section" && b.text.text.startsWith("*<")).length;
    expect(shown).toBeGreaterThan(5);
    expect(allText(msg)).toContain(`${55 - shown} more not shown here`);
  });

  test("a query of mentions, links and formatting stays inert everywhere Slack parses markup", () => {
    const msg = renderReply(results([card({ title: HOSTILE, subtitle: HOSTILE, body: HOSTILE, fields: [{ label: HOSTILE, value: HOSTILE }] })], HOSTILE));
    checkMessage(msg);
    for (const text of mrkdwnTexts(msg)) {
      expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<https:\/\/evil/);
    }
  });
});

describe("one question", () => {
  test("a short answer is shown whole, without a link out", () => {
    const msg = renderReply(question(card()));
    checkMessage(msg);
    expect(allText(msg)).toContain("The UK has led international efforts.");
    expect(allText(msg)).not.toContain("read the rest");
  });

  test("a 55 KB answer with tables is cut at a paragraph, with Show full answer", () => {
    const msg = renderReply(question(card({ body: hugeAnswer(), bodyIsExcerpt: true })));
    checkMessage(msg);
    const sections = msg.blocks.filter((b) => b.type === "section").map((b) => b.text.text);
    expect(sections.at(-1)).toMatch(/\.…$/);
    expect(buttons(msg).map((b) => b.action_id)).toContain("wq:full:private:0");
  });

  test("a bare card (no subtitle, fields or body) sends no empty text", () => {
    const bare = card({ subtitle: "", fields: [], body: "" });
    checkMessage(renderReply(question(bare)));
    for (const m of renderFull(question(bare))) checkMessage(m);
    checkMessage({ text: "x", blocks: [] });
  });

  test("a cut answer without a full button links to the official page", () => {
    const reply = question(card({ body: hugeAnswer() }));
    for (const c of reply.cards) c.actions = [];
    const msg = renderReply(reply);
    checkMessage(msg);
    expect(allText(msg)).toContain("read the rest on the official site");
  });

  test("the full answer spreads over messages, in order, without a Show full answer button", () => {
    const body = hugeAnswer();
    // As the core answers "Show full answer": the whole body, so no Show full answer of its own.
    const full = question(card({ body }));
    full.cards = full.cards.map((c) => ({ ...c, actions: c.actions.filter((a) => a.kind !== "full") }));
    const messages = renderFull(full);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) checkMessage(m);
    const shown = messages.map((m) => m.blocks.filter((b) => b.type === "section").map((b) => b.text.text).join("\n\n")).join("\n\n");
    expect(shown).toContain("Paragraph 1.");
    expect(shown.indexOf("Paragraph 2.")).toBeLessThan(shown.indexOf("Paragraph 3."));
    expect(JSON.stringify(messages)).not.toContain("wq:full:");
  });
});

describe("other replies", () => {
  test("an error is one warning line", () => {
    const msg = renderReply(errorReply("No question <x> is held."));
    checkMessage(msg);
    expect(msg.blocks).toHaveLength(1);
    expect(allText(msg)).toContain(":warning: *Sorry* No question &lt;x&gt; is held.");
  });

  test("a shared card says who shared it and offers no Share or paging", () => {
    // As the core answers a share: the card public, without a Share of its own (and no paging).
    const shared = question(card());
    shared.cards = shared.cards.map((c) => ({ ...c, actions: c.actions.filter((a) => a.effect !== "public") }));
    const msg = renderReply({ ...shared, visibility: "public" }, { sharedBy: "U0001" });
    checkMessage(msg);
    expect(msg.blocks[0]).toMatchObject({ type: "context", elements: [{ text: "Shared by <@U0001>" }] });
    expect(JSON.stringify(msg)).not.toContain("wq:share:");
  });

  test("help text becomes the Home tab under wq's own introduction", () => {
    const view = renderHome(infoReply("wq help", "Query syntax:\n\"exact phrase\" -word dept:fcdo"));
    expect(view.type).toBe("home");
    expect(allText(view)).toContain("Query syntax:");
    expect(allText(view)).toContain("wq brings UK Parliament written questions");
  });

  test("an unfurl is the card with a short excerpt and no buttons", () => {
    const blocks = renderUnfurl(card({ body: hugeAnswer() }));
    expect(blocks.some((b) => b.type === "actions")).toBe(false);
    expect(allText(blocks).length).toBeLessThan(2000);
    expect(allText(blocks)).toContain("China: Uighurs");
  });
});
