import { afterEach, describe, expect, it } from "vitest";
import type { CommandContext } from "../../../src/core/core.ts";
import { openCore } from "../../../src/core/open-core.ts";
import { collapseGroups, groupLine, postGroup } from "../../../src/core/groups/grouped-answers.ts";
import type { Question } from "../../../src/model/question.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { answered, makeQuestion } from "../../store/fixtures.ts";

const ctx: CommandContext = { platform: "console", userId: "u1" };

/** Three questions from three members answered together on one day, and one answered alone. */
function grouped(): Question[] {
  const uins = ["101", "102", "103"];
  const askers = ["Jim Shannon", "Ben Spencer", "Layla Moran"];
  const group = uins.map((uin, i) =>
    answered(
      makeQuestion({
        id: uin,
        uin,
        house: "Commons",
        heading: "Hospitals: Waiting Lists",
        dateTabled: "2026-11-02",
        askingMember: { id: 1000 + i, name: askers[i]!, party: null },
        groupedQuestions: uins.filter((u) => u !== uin).map((u) => ({ uin: u, dateTabled: "2026-11-02" })),
        url: `https://questions-statements.parliament.uk/written-questions/detail/2026-11-02/${uin}`,
      }),
      "Waiting lists are falling.",
      "2026-11-10",
    ),
  );
  const alone = answered(makeQuestion({ id: "200", uin: "200", house: "Commons", heading: "Schools: Heating" }), "Funding is set.", "2026-11-09");
  return [...group, alone];
}

describe("grouped answers", () => {
  let store: SqliteStore | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  async function core() {
    store = new SqliteStore(":memory:");
    await store.upsertQuestions(grouped());
    return (await openCore({ store, now: () => new Date("2026-11-28T12:00:00Z"), searchWorker: false })).core;
  }

  it("gathers questions answered together, in the order of their first, by date and UIN", () => {
    const [a, b, c, d] = grouped();
    expect(collapseGroups([d!, b!, a!, c!]).map((g) => g.map((q) => q.uin))).toEqual([["200"], ["102", "101", "103"]]);
    // The same UIN tabled on another day (UINs are reused) is not in the group.
    const other = { ...a!, id: "9", dateTabled: "2025-01-01", groupedQuestions: [] };
    expect(collapseGroups([b!, other]).map((g) => g.length)).toEqual([1, 1]);
  });

  it("show lists the group, each UIN with its asker and link", async () => {
    const reply = await (await core()).run("show 102", ctx);
    expect(reply.text).toBe(
      [
        "Answered together (3 questions):",
        "UIN 102, Ben Spencer: https://questions-statements.parliament.uk/written-questions/detail/2026-11-02/102",
        "UIN 101, Jim Shannon: https://questions-statements.parliament.uk/written-questions/detail/2026-11-02/101",
        "UIN 103, Layla Moran: https://questions-statements.parliament.uk/written-questions/detail/2026-11-02/103",
      ].join("\n"),
    );
    const alone = await (await core()).run("show 200", ctx);
    expect(alone.text).toBe("");
  });

  it("latest makes one entry of a group, naming every UIN", async () => {
    const reply = await (await core()).run("latest 5", ctx);
    expect(reply.cards.map((c) => c.title)).toEqual(["Hospitals: Waiting Lists", "Schools: Heating"]);
    const field = reply.cards[0]!.fields.find((f) => f.label.startsWith("Answered together"))!;
    for (const uin of ["101", "102", "103"]) expect(field.value).toContain(`UIN ${uin}`);
    expect(field.value).toMatch(/Jim Shannon/);
    // latest 1 is the group alone: one entry, not the first of three near-copies.
    expect((await (await core()).run("latest 1", ctx)).cards).toHaveLength(1);
  });

  it("names an alert post's group on one line, askers where held, and no group for a question answered alone or naming only itself", async () => {
    store = new SqliteStore(":memory:");
    const [a, , , alone] = grouped();
    // 103 is not held yet: named by its UIN alone.
    await store.upsertQuestions(grouped().filter((q) => q.uin !== "103"));
    expect(groupLine((await postGroup(store, a!))!)).toBe("Answered together (3 questions): 101 (Jim Shannon), 102 (Ben Spencer), 103 (asker not yet held).");
    expect(await postGroup(store, alone!)).toBeNull();
    expect(await postGroup(store, { ...a!, groupedQuestions: [{ uin: "101", dateTabled: "2026-11-02" }] })).toBeNull();
  });
});
