import { describe, expect, it } from "vitest";
import type { APIEmbed } from "discord.js";
import { LIMITS } from "../../src/adapters/discord/limits.ts";
import { violations } from "./violations.ts";
import { cutPoint, cutText, fitPrefix } from "../../src/adapters/shared/text.ts";

const x = (n: number): string => "x".repeat(n);
const button = (id: string, label = "Go") => ({ custom_id: id, label });

describe("limits table", () => {
  it("holds Discord's documented numbers", () => {
    expect(LIMITS).toMatchObject({
      content: 2000, embedsPerMessage: 10, embedTitle: 256, embedDescription: 4096, embedFields: 25,
      fieldName: 256, fieldValue: 1024, footer: 2048, embedsTotal: 6000, actionRows: 5, buttonsPerRow: 5, customId: 100,
      autocompleteChoices: 25, choiceName: 100, choiceValue: 100, buttonLabel: 80, queryOption: 300, refOption: 500,
    });
  });
});

describe("violations: each limit, at it and one over", () => {
  const cases: Array<[string, (n: number) => Parameters<typeof violations>[0], number]> = [
    ["content", (n) => ({ content: x(n) }), LIMITS.content],
    ["embed 0 title", (n) => ({ embeds: [{ title: x(n) }] }), LIMITS.embedTitle],
    ["embed 0 description", (n) => ({ embeds: [{ description: x(n) }] }), LIMITS.embedDescription],
    ["embed 0 footer", (n) => ({ embeds: [{ footer: { text: x(n) } }] }), LIMITS.footer],
    ["embed 0 field 0 name", (n) => ({ embeds: [{ fields: [{ name: x(n), value: "v" }] }] }), LIMITS.fieldName],
    ["embed 0 field 0 value", (n) => ({ embeds: [{ fields: [{ name: "n", value: x(n) }] }] }), LIMITS.fieldValue],
    ["embed 0 fields", (n) => ({ embeds: [{ fields: Array.from({ length: n }, () => ({ name: "n", value: "v" })) }] }), LIMITS.embedFields],
    ["embeds", (n) => ({ embeds: Array.from({ length: n }, (): APIEmbed => ({ title: "t" })) }), LIMITS.embedsPerMessage],
    // 6,000 spread over two embeds that are each within their own limits.
    ["embeds total", (n) => ({ embeds: [{ description: x(4000) }, { description: x(n - 4000) }] }), LIMITS.embedsTotal],
    ["action rows", (n) => ({ components: Array.from({ length: n }, (_, i) => ({ components: [button(`r${i}`)] })) }), LIMITS.actionRows],
    ["row 0 buttons", (n) => ({ components: [{ components: Array.from({ length: n }, (_, i) => button(`b${i}`)) }] }), LIMITS.buttonsPerRow],
    ["custom_id", (n) => ({ components: [{ components: [button(x(n))] }] }), LIMITS.customId],
    ["button label", (n) => ({ components: [{ components: [button("a", x(n))] }] }), LIMITS.buttonLabel],
  ];
  it.each(cases)("%s", (where, make, limit) => {
    expect(violations(make(limit))).toEqual([]);
    expect(violations(make(limit + 1))).toEqual([{ where, length: limit + 1, limit }]);
  });

  it("rejects a repeated custom_id and an empty field", () => {
    expect(violations({ components: [{ components: [button("a"), button("a")] }] })[0]?.where).toBe("custom_id repeated");
    expect(violations({ embeds: [{ fields: [{ name: "n", value: "" }] }] })[0]?.where).toBe("embed 0 field 0 empty");
  });
});

describe("cutting", () => {
  it("leaves text at the limit alone and cuts one over", () => {
    expect(cutText(x(100), 100)).toBe(x(100));
    const cut = cutText(x(101), 100);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("cuts at the last paragraph break, then line, then word", () => {
    const text = `${x(60)}\n\n${x(30)} ${x(30)}`;
    expect(cutPoint(text, 100)).toBe(60);
    expect(cutPoint(`${x(60)}\n${x(60)}`, 100)).toBe(60);
    expect(cutPoint(`${x(60)} ${x(60)}`, 100)).toBe(60);
    // A boundary in the first half would waste too much: cut hard.
    expect(cutPoint(`${x(10)}\n\n${x(200)}`, 100)).toBe(100);
  });

  it("fits a rendered prefix that grows when rendered", () => {
    const text = `${"*".repeat(50)}\n\n${"*".repeat(50)}`;
    const render = (n: number): string => text.slice(0, n).replace(/\*/g, "\\*");
    const n = fitPrefix(text, 150, render);
    expect(n).toBe(50);
    expect(render(n).length).toBeLessThanOrEqual(150);
    expect(fitPrefix(text, 1000, render)).toBe(text.length);
  });
});
