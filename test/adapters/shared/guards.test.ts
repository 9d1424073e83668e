/** The guard combinators both adapters build their permission rules from. */
import { describe, expect, it } from "vitest";
import { allOf, allow, anyOf, deny, permissionChecker, type Answer, type Guard } from "../../../src/adapters/shared/guards.ts";

type Who = { name: string };
const who: Who = { name: "ann" };
const yes = (reason: string): Guard<Who, Answer> => () => allow(reason);
const no = (reason: string): Guard<Who, Answer> => () => deny(reason);
const later = (guard: Guard<Who, Answer>): Guard<Who, Promise<Answer>> => async (w) => guard(w);

describe("allOf", () => {
  it("stops at the first refusal and answers it; with every guard allowing, the last allowance", () => {
    const asked: string[] = [];
    const track = (g: Guard<Who, Answer>, name: string): Guard<Who, Answer> => (w) => (asked.push(name), g(w));
    expect(allOf(track(yes("a"), "a"), track(no("b"), "b"), track(no("c"), "c"))(who)).toEqual(deny("b"));
    expect(asked).toEqual(["a", "b"]);
    expect(allOf(yes("a"), yes("b"))(who)).toEqual(allow("b"));
    expect(allOf<Who>()(who)).toEqual(allow());
  });

  it("waits for asynchronous guards, in order", async () => {
    await expect(allOf(later(yes("a")), no("b"), later(no("c")))(who)).resolves.toEqual(deny("b"));
    await expect(allOf(yes("a"), later(yes("b")))(who)).resolves.toEqual(allow("b"));
  });
});

describe("anyOf", () => {
  it("stops at the first allowance; with every guard refusing, the last refusal", () => {
    expect(anyOf(no("a"), yes("b"), no("c"))(who)).toEqual(allow("b"));
    expect(anyOf(no("a"), no("b"))(who)).toEqual(deny("b"));
    expect(anyOf<Who>()(who).allowed).toBe(false);
  });

  it("waits for asynchronous guards, in order", async () => {
    await expect(anyOf(later(no("a")), later(yes("b")), no("c"))(who)).resolves.toEqual(allow("b"));
    await expect(anyOf(later(no("a")), no("b"))(who)).resolves.toEqual(deny("b"));
  });
});

describe("permissionChecker", () => {
  it("answers each permission with its own guard, for the person it was made for", async () => {
    const seen: Who[] = [];
    const checker = permissionChecker(who, {
      manageSubscriptions: (w) => (seen.push(w), allow("manager")),
      seeWorkspaceSubscriptions: later(no("not an admin")),
    });
    await expect(checker.check("manageSubscriptions")).resolves.toEqual(allow("manager"));
    await expect(checker.check("seeWorkspaceSubscriptions")).resolves.toEqual(deny("not an admin"));
    expect(seen).toEqual([who]);
  });
});
