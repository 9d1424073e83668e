import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/core/core.ts";
import { CommandRequestSchema } from "../../src/model/request.ts";
import { OLD_BUTTON } from "../../src/model/reply.ts";
import { parseRef } from "../../src/core/commands/refs.ts";
import { SEED_ID, seededCore, type SeededCore } from "../helpers/core.ts";

const ctx: CommandContext = { platform: "console", userId: "u1" };
let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

describe("commands", () => {
  it("answers search with a page of 5 cards, paging and per-card actions, privately", async () => {
    const reply = await seeded.core.run("search tabled:2020..2030", ctx);
    expect(reply.kind).toBe("results");
    expect(reply.visibility).toBe("private");
    expect(reply.title).toBe("11 results for tabled:2020..2030");
    expect(reply.cards).toHaveLength(5);
    expect(reply.actions.find((a) => a.kind === "previous")).toBeUndefined();
    const next = reply.actions.find((a) => a.kind === "next")!;
    expect(next.request).toEqual({ name: "search", query: "tabled:2020..2030", page: 2 });
    for (const card of reply.cards) {
      expect(card.actions.map((a) => [a.kind, a.effect, a.style])).toEqual([
        ["full", "private", "default"],
        ["share", "public", "primary"],
      ]);
    }
    // An action's request is its whole state: it survives a round trip through JSON.
    const page2 = await seeded.core.execute(CommandRequestSchema.parse(JSON.parse(JSON.stringify(next.request))), ctx);
    expect(page2.text).toBe("Showing 6–10, page 2 of 3.");
    expect(page2.actions.map((a) => a.kind)).toContain("previous");
    const page3 = await seeded.core.execute({ name: "search", query: "tabled:2020..2030", page: 3 }, ctx);
    expect(page3.cards).toHaveLength(1);
    expect(page3.actions.find((a) => a.kind === "next")).toBeUndefined();
  });

  it("gives each hit its fields, link and a snippet with the matched words marked", async () => {
    const reply = await seeded.core.run("search biometrics", ctx);
    const card = reply.cards[0]!;
    expect(card.id).toBe(SEED_ID);
    expect(card.title).toBe("China: Uighurs");
    expect(card.fields).toEqual(
      expect.arrayContaining([
        { label: "Department", value: "Foreign, Commonwealth and Development Office" },
        { label: "Answered by", value: "Nigel Adams" },
        { label: "Tabled", value: "7 June 2021" },
        { label: "Answered", value: "15 June 2021" },
      ]),
    );
    expect(card.bodyIsExcerpt).toBe(true);
    const [s, e] = card.markedRanges[0]!;
    expect(card.body.slice(s, e)).toBe("biometrics");
  });

  it("says when nothing matches, and when a page is past the end", async () => {
    expect((await seeded.core.run("search zzzqqq", ctx)).title).toBe("No results for zzzqqq");
    const past = await seeded.core.execute({ name: "search", query: "xinjiang", page: 9 }, ctx);
    expect(past.kind).toBe("error");
    expect(past.text).toMatch(/page 9 is past the end/);
    // A stored request the command cannot read (an old or tampered button) runs nothing.
    for (const request of [{ name: "search", query: "x", page: -1 }, { name: "search" }, { name: "frobnicate" }]) {
      expect((await seeded.core.execute(request, ctx)).text, JSON.stringify(request)).toBe(OLD_BUTTON);
    }
  });

  it("turns bad input into a one-line error reply, never an exception", async () => {
    for (const text of ["search", "search foo:bar", 'search "open', "show", "show nonsense!", "frobnicate", "latest 99"]) {
      const reply = await seeded.core.run(text, ctx);
      expect(reply.kind, text).toBe("error");
      expect(reply.text, text).not.toContain("\n");
      expect(reply.text.length, text).toBeGreaterThan(10);
    }
  });

  it("shows a question by id, date/UIN and official link", async () => {
    const byId = await seeded.core.run("show 1747122", ctx);
    expect(byId.kind).toBe("question");
    expect(byId.cards[0]!.title).toBe("Human Rights: Xinjiang");
    const url = byId.cards[0]!.url;
    expect(url).toBe("https://questions-statements.parliament.uk/written-questions/detail/2024-12-04/" + url.split("/").pop());
    const byUin = await seeded.core.run(`show 2024-12-04/${url.split("/").pop()}`, ctx);
    const byUrl = await seeded.core.run(`show ${url}`, ctx);
    const bySlackLink = await seeded.core.run(`show <${url}|the question>`, ctx);
    for (const r of [byUin, byUrl, bySlackLink]) expect(r.cards[0]!.id).toBe("1747122");
    expect((await seeded.core.run("show 2024-12-04/999999", ctx)).text).toMatch(/No question 2024-12-04\/999999 is held/);
  });

  it("cuts a long answer at a paragraph with a full-answer action, and gives it whole on request", async () => {
    const short = await seeded.core.run(`show ${SEED_ID}`, ctx);
    const card = short.cards[0]!;
    expect(card.bodyIsExcerpt).toBe(true);
    expect(card.body.length).toBeLessThanOrEqual(1500);
    expect(card.body.endsWith(".")).toBe(true);
    const full = short.cards[0]!.actions.find((a) => a.kind === "full")!;
    const whole = await seeded.core.execute(full.request, ctx);
    expect(whole.cards[0]!.bodyIsExcerpt).toBe(false);
    expect(whole.cards[0]!.body).toContain("cross-Government working group");
    expect(whole.cards[0]!.actions.map((a) => a.kind)).toEqual(["share"]);
  });

  it("shows a correction with its original answer", async () => {
    const reply = await seeded.core.run("show 1674622", ctx);
    expect(reply.cards[0]!.fields).toContainEqual({ label: "Status", value: "Answer corrected" });
    const whole = await seeded.core.execute({ name: "show", ref: "1674622", full: true }, ctx);
    expect(whole.cards[0]!.body).toContain("Corrected answer:");
  });

  it("lists the latest answers newest first, optionally matching a query", async () => {
    const latest = await seeded.core.run("latest 3", ctx);
    expect(latest.cards).toHaveLength(3);
    expect(latest.cards[0]!.id).toBe("1747122");
    const fcdo = await seeded.core.run("latest 10 dept:fcdo", ctx);
    // 1748480's list copy said unanswered but its detail holds the answer: held, so answered
    // (date not published), sorted by its tabling date.
    expect(fcdo.cards.map((c) => c.id)).toEqual(["1747122", "1748480", SEED_ID]);
  });

  it("explains the query language in help", async () => {
    const help = await seeded.core.run("help", ctx);
    expect(help.text).toMatch(/"exact phrase"/);
    for (const filter of ["dept:", "asker:", "answerer:", "house:", "status:", "tabled:", "answered:", "uin:", "sort:"]) expect(help.text).toContain(filter);
    expect(help.text).toContain("Open Parliament Licence v3.0");
    expect((await seeded.core.run("", ctx)).title).toBe(help.title);
  });
});

describe("question references", () => {
  it("reads ids, date/UIN pairs and official links", () => {
    expect(parseRef("1721288")).toEqual({ kind: "id", id: "1721288" });
    expect(parseRef(SEED_ID)).toEqual({ kind: "id", id: SEED_ID });
    expect(parseRef("2024-07-17/67")).toEqual({ kind: "uin", dateTabled: "2024-07-17", uin: "67" });
    expect(parseRef("https://questions-statements.parliament.uk/written-questions/detail/2024-07-17/hl123")).toEqual({
      kind: "uin",
      dateTabled: "2024-07-17",
      uin: "HL123",
    });
    expect(parseRef("https://example.com/written-questions/detail/2024-07-17/67")).toBeNull();
    expect(parseRef("drop table")).toBeNull();
  });
});
