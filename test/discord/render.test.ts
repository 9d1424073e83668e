import { describe, expect, it } from "vitest";
import { embedLength } from "discord.js";
import { errorReply, infoReply, type Reply } from "../../src/model/reply.ts";
import { LIMITS } from "../../src/adapters/discord/limits.ts";
import { violations } from "./violations.ts";
import { renderReply } from "../../src/adapters/discord/render.ts";
import { card, cardActions, idsFor, longText, results } from "./replies.ts";

const render = (reply: Reply) => renderReply(reply, idsFor(reply));
const total = (m: ReturnType<typeof render>): number => m.embeds.reduce((s, e) => s + embedLength(e), 0);

describe("renderReply", () => {
  it("renders one page of results: header, an embed per card, page and card buttons", () => {
    const m = render(results(3));
    expect(violations(m)).toEqual([]);
    expect(m.allowedMentions).toEqual({ parse: [] });
    expect(m.content).toBe("**3 results for xinjiang (page 1)**");
    expect(m.embeds).toHaveLength(3);
    expect(m.embeds[0]).toMatchObject({
      title: "1. Question 1: China: Uighurs",
      url: "https://questions-statements.parliament.uk/written-questions/detail/2021-06-07/1",
      footer: { text: "Commons · UIN 1 · tabled 2021-06-07" },
    });
    expect(m.embeds[0]?.fields?.[0]).toEqual({ name: "Department", value: "Foreign, Commonwealth and Development Office", inline: false });
    const labels = m.components.flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(["Next", "1. Show full answer", "1. Share to channel", "2. Show full answer", "2. Share to channel", "3. Show full answer", "3. Share to channel"]);
    expect(m.components.map((r) => r.components.map((b) => b.label))).toEqual([
      ["Next"],
      ["1. Show full answer", "1. Share to channel", "2. Show full answer", "2. Share to channel"],
      ["3. Show full answer", "3. Share to channel"],
    ]);
  });

  it("keeps 50+ results within 10 embeds, 6,000 characters and 25 buttons, and says what it left out", () => {
    const m = render(results(55));
    expect(violations(m)).toEqual([]);
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(total(m)).toBeLessThanOrEqual(LIMITS.embedsTotal);
    expect(m.content).toContain(`${55 - m.embeds.length} more not shown`);
    const buttons = m.components.flatMap((r) => r.components);
    expect(buttons.length).toBeLessThanOrEqual(25);
    // No button belongs to a card that is not shown.
    const shownIds = new Set(results(55).cards.slice(0, m.embeds.length).map((c) => c.id));
    const reply = results(55);
    const ids = idsFor(reply);
    for (const b of buttons) {
      const owner = reply.cards.find((c) => c.actions.some((a) => ids.get(a) === b.custom_id));
      if (owner) expect(shownIds.has(owner.id)).toBe(true);
    }
  });

  it("shows as much of a 55 KB answer as fits, cut at a paragraph, with a note", () => {
    const body = longText(55_000);
    expect(body.length).toBeGreaterThanOrEqual(55_000);
    const reply: Reply = { kind: "question", title: "", text: "", cards: [card(1, { body, bodyIsExcerpt: false, actions: cardActions(card(1)) })], actions: [], visibility: "private" };
    const m = render(reply);
    expect(violations(m)).toEqual([]);
    const d = m.embeds[0]?.description ?? "";
    expect(d.length).toBeGreaterThan(3500);
    expect(d.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(d).toMatch(/\.…\n\n\*Cut to fit Discord: the title links to the full text\.\*$/);
    // The kept text ends where a paragraph ended in the original.
    const kept = d.slice(0, d.indexOf("…")).replace(/\\(.)/g, "$1");
    expect(body.startsWith(kept)).toBe(true);
    expect(body.slice(kept.length, kept.length + 2)).toBe("\n\n");
  });

  it("fits ten cards with long bodies and 25 long fields into 6,000 characters", () => {
    const big = card(1, {
      body: longText(10_000),
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i} ${"n".repeat(300)}`, value: "v".repeat(2000) })),
      title: "T".repeat(400),
      subtitle: "s".repeat(3000),
    });
    const reply: Reply = { kind: "results", title: "t".repeat(3000), text: "", cards: Array.from({ length: 12 }, (_, i) => ({ ...big, id: String(i) })), actions: [], visibility: "private" };
    const m = render(reply);
    expect(violations(m)).toEqual([]);
    expect(m.embeds[0]?.description?.length).toBeGreaterThan(0);
  });

  it("escapes markdown and breaks mass mentions in user and Parliament text", () => {
    const reply: Reply = {
      ...results(1, "@everyone <@&123> **bold** `code`"),
      cards: [card(1, { title: "Rights_of_way *and* @here", body: "# Not a heading\n- not a list\n1. not numbered\n> not a quote\n<@555> ||spoiler|| ~~x~~ [link](http://x)" })],
    };
    const m = render(reply);
    expect(m.content).not.toMatch(/@everyone|@here/);
    expect(m.content).toContain("@\u200beveryone \\<@&123\\> \\*\\*bold\\*\\* \\`code\\`");
    expect(m.embeds[0]?.title).toBe("Rights\\_of\\_way \\*and\\* @\u200bhere");
    expect(m.embeds[0]?.description).toBe(
      "\\# Not a heading\n\\- not a list\n1\\. not numbered\n\\> not a quote\n\\<@555\\> \\|\\|spoiler\\|\\| \\~\\~x\\~\\~ \\[link\\](http://x)",
    );
    expect(m.allowedMentions).toEqual({ parse: [] });
  });

  it("bolds marked words, escaping inside and around them", () => {
    const body = "Forced labour in *Xinjiang* and xinjiang.";
    const start = body.indexOf("*Xinjiang*");
    const reply: Reply = { ...results(1), cards: [card(1, { body, markedRanges: [[start, start + 10], [body.lastIndexOf("xinjiang"), body.length - 1]] })] };
    expect(render(reply).embeds[0]?.description).toBe("Forced labour in **\\*Xinjiang\\*** and **xinjiang**.");
  });

  it("keeps the content within 2,000 characters however long the title and text", () => {
    const reply: Reply = { ...results(2, "@everyone " + "q".repeat(2500)), text: "t ".repeat(2000) };
    const m = render(reply);
    expect(violations(m)).toEqual([]);
    expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.content.startsWith("**2 results for @\u200beveryone q")).toBe(true);
    expect(m.content).toMatch(/…\*\*$/);
  });

  it("does not repeat a single question's title in the content", () => {
    const c = card(1);
    const m = render({ kind: "question", title: c.title, text: "", cards: [c], actions: cardActions(c), visibility: "private" });
    expect(m.content).toBe("");
    expect(m.embeds[0]?.title).toBe(c.title);
    expect(m.components[0]?.components.map((b) => b.label)).toEqual(["Show full answer", "Share to channel"]);
  });

  it("says only 'cut' when a cut card has no link to the full text", () => {
    const c = card(1, { body: longText(10_000), url: "" });
    const m = render({ kind: "question", title: c.title, text: "", cards: [c], actions: [], visibility: "private" });
    expect(m.embeds[0]?.description).toMatch(/…\n\n\*Cut to fit Discord\.\*$/);
  });

  it("renders help and errors as one embed; error in red", () => {
    const help = render(infoReply("wq help", "Search: /wq search query:xinjiang\n\nShow: /wq show ref:1721286"));
    expect(help.content).toBe("");
    expect(help.embeds).toEqual([{ color: 0x4e5d94, title: "wq help", description: "Search: /wq search query:xinjiang\n\nShow: /wq show ref:1721286" }]);
    const error = render(errorReply("No department matches \"x\". Try dept:dhsc"));
    expect(error.embeds[0]?.color).toBe(0xd4351c);
    expect(violations(render(infoReply("t", longText(20_000))))).toEqual([]);
  });

  it("puts a header first and shows every action it is given", () => {
    // A shared card as the core returns it: "full" only, no Share of its own.
    const one = results(1);
    const reply: Reply = { ...one, actions: [], cards: one.cards.map((c) => ({ ...c, actions: c.actions.filter((a) => a.kind === "full") })) };
    const m = renderReply(reply, idsFor(reply), { header: "Shared by <@555555555555555555>" });
    expect(m.content.startsWith("Shared by <@555555555555555555>\n")).toBe(true);
    expect(m.components.flatMap((r) => r.components.map((b) => b.label))).toEqual(["Show full answer"]);
  });

  it("drops a card URL that is not http(s) and fills empty field values", () => {
    const reply: Reply = { ...results(1), cards: [card(1, { url: "javascript:alert(1)", fields: [{ label: "", value: "" }] })] };
    const m = render(reply);
    expect(m.embeds[0]?.url).toBeUndefined();
    expect(violations(m)).toEqual([]);
  });
});
