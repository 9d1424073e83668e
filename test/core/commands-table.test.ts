/**
 * The command table and the reply model: a command is one spec in the table; the core checks where
 * it can run and what it requires, asking the adapter's checker only when a command needs it;
 * stored replies and requests of older versions are read or refused cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { COMMANDS, defineCommand, fixedPermissions, helpReply, type CommandContext, type Permission, type PermissionChecker } from "../../src/core/index.ts";
import type { CommandDeps } from "../../src/core/commands/command.ts";
import { dispatcher } from "../../src/core/commands/dispatch.ts";
import { OLD_BUTTON, ReplySchema, SOMETHING_WENT_WRONG, infoReply, showsTitle } from "../../src/model/reply.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

/** A checker that says yes to everything and writes down what it was asked. */
function countingChecker(): PermissionChecker & { asked: Permission[] } {
  const asked: Permission[] = [];
  return { asked, check: async (p) => (asked.push(p), { allowed: true, reason: "test" }) };
}

const inSlack = (over: Partial<CommandContext> = {}): CommandContext => ({ platform: "slack", userId: "U1", workspaceId: "T1", channelId: "C1", ...over });

describe("the command table", () => {
  it("has one entry per name and alias, and every command in help", () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    const help = helpReply(COMMANDS).text;
    for (const c of COMMANDS) expect(help).toContain(`/wq ${c.name}`);
  });

  it("asks for a permission only when the command requires it", async () => {
    const checker = countingChecker();
    await seeded.core.run("search xinjiang", inSlack({ permissions: checker }));
    await seeded.core.run("show 1747122", inSlack({ permissions: checker }));
    expect(checker.asked).toEqual([]);
    await seeded.core.run("pause ab12", inSlack({ permissions: checker }));
    expect(checker.asked).toEqual(["manageSubscriptions"]);
    await seeded.core.run("subscriptions", inSlack({ permissions: checker }));
    expect(checker.asked).toEqual(["manageSubscriptions", "seeWorkspaceSubscriptions"]);
  });

  it("says a command cannot run here before asking for its permission", async () => {
    const checker = countingChecker();
    const reply = await seeded.core.run("subscribe xinjiang", { platform: "console", userId: "u", permissions: checker });
    expect(reply.text).toMatch(/run this command in the channel/);
    expect(checker.asked).toEqual([]);
  });

  it("refuses a required permission in one line with the adapter's reason", async () => {
    const reply = await seeded.core.run("subscribe xinjiang", inSlack({ permissions: fixedPermissions({ manageSubscriptions: { allowed: false, reason: "only admins" } }) }));
    expect(reply).toMatchObject({ kind: "error", text: "You cannot change this channel's subscriptions: only admins." });
  });

  it("writes examples and hints in the adapter's syntax", async () => {
    const syntax = (name: string): string | null => (name === "status" ? null : `!wq-${name}`);
    const help = await seeded.core.run("help", { platform: "console", userId: "u", syntax });
    expect(help.text).toContain("!wq-search <query>");
    expect(help.text).not.toMatch(/status: what wq holds/);
    expect((await seeded.core.run("search", { platform: "console", userId: "u", syntax })).text).toBe("Say what to search for, e.g. !wq-search xinjiang");
  });

  it("runs a new command from its spec alone: text parsed by it, stored request parsed by its schema", async () => {
    const echo = defineCommand({
      name: "echo",
      usage: "<words>",
      summary: "says the words back.",
      args: z.object({ words: z.string().min(1), times: z.number().int().min(1).max(3) }),
      parse: (rest, typed) => (rest ? { ok: true, args: { words: rest, times: 1 } } : { ok: false, message: `Say something, e.g. ${typed("echo")} hi` }),
      run: (args) => infoReply("echo", Array(args.times).fill(args.words).join(" ")),
    });
    const deps: CommandDeps = { store: seeded.store, index: seeded.index, now: () => new Date(), commands: [...COMMANDS, echo] };
    const { run, execute } = dispatcher(deps);
    const ctx: CommandContext = { platform: "console", userId: "u" };
    expect((await run("echo hi", ctx)).text).toBe("hi");
    expect((await run("echo", ctx)).text).toBe("Say something, e.g. /wq echo hi");
    expect((await execute(echo.request({ words: "yo", times: 3 }), ctx)).text).toBe("yo yo yo");
    expect((await execute({ name: "echo", words: "yo", times: 9 }, ctx)).text).toBe(OLD_BUTTON);
    expect(helpReply(deps.commands).text).toContain("/wq echo <words>: says the words back.");
  });

  it("answers a command that fails with the one failure message, and reports the error", async () => {
    const errors: unknown[] = [];
    const boom = defineCommand({
      name: "boom",
      usage: "",
      summary: "fails.",
      args: z.object({}),
      parse: () => ({ ok: true, args: {} }),
      run: () => {
        throw new Error("on fire");
      },
    });
    const { run } = dispatcher({ store: seeded.store, index: seeded.index, now: () => new Date(), commands: [boom] }, (e) => errors.push(e));
    expect((await run("boom", { platform: "console", userId: "u" })).text).toBe(SOMETHING_WENT_WRONG);
    expect(errors).toHaveLength(1);
  });
});

describe("the reply model", () => {
  it("gives search cards their own actions and the reply its paging, each with a style and an effect", async () => {
    const reply = ReplySchema.parse(await seeded.core.run("search tabled:2020..2030", { platform: "console", userId: "u" }));
    expect(reply.actions.map((a) => [a.kind, a.effect])).toEqual([["next", "replace"]]);
    const share = reply.cards[0]!.actions.find((a) => a.effect === "public")!;
    // What a share posts is decided by the core: public, and without a Share of its own.
    const shared = await seeded.core.execute(share.request, { platform: "console", userId: "u" });
    expect(shared.visibility).toBe("public");
    expect(shared.cards[0]!.actions.map((a) => a.effect)).not.toContain("public");
    expect(showsTitle(shared)).toBe(false);
  });

  it("reads a reply stored before actions moved into cards (an older outbox row)", () => {
    const card = { id: "1", title: "T", subtitle: "", fields: [], body: "b", markedRanges: [], bodyIsExcerpt: true, url: "https://x" };
    const old = {
      kind: "question",
      title: "New answer",
      text: "",
      cards: [card],
      actions: [
        { kind: "full", label: "Show full answer", request: { name: "show", ref: "1", full: true }, cardId: "1" },
        { kind: "next", label: "Next", request: { name: "search", query: "x", page: 2 } },
      ],
      visibility: "public",
    };
    const reply = ReplySchema.parse(old);
    expect(reply.cards[0]!.actions).toEqual([{ kind: "full", label: "Show full answer", style: "default", effect: "private", request: { name: "show", ref: "1", full: true } }]);
    expect(reply.actions).toEqual([{ kind: "next", label: "Next", style: "default", effect: "replace", request: { name: "search", query: "x", page: 2 } }]);
    expect(ReplySchema.safeParse({ ...old, kind: "nonsense" }).success).toBe(false);
  });
});
