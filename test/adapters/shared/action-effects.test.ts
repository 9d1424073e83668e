/** A clicked action's answer goes where its declared effect says, and an error only to the clicker. */
import { describe, expect, it } from "vitest";
import { dispatchByEffect, type EffectTargets } from "../../../src/adapters/shared/action-effects.ts";
import { errorReply, infoReply, type ActionEffect, type Reply } from "../../../src/model/reply.ts";

function recorder(): { log: string[]; targets: EffectTargets } {
  const log: string[] = [];
  const note = (what: string) => async (reply: Reply) => void log.push(`${what}:${reply.kind}`);
  return {
    log,
    targets: {
      start: async (effect) => void log.push(`start:${effect}`),
      replace: note("replace"),
      sendPrivate: note("private"),
      postPublic: note("public"),
    },
  };
}

describe("dispatchByEffect", () => {
  it.each([
    ["replace", "replace:info"],
    ["private", "private:info"],
    ["public", "public:info"],
  ] as Array<[ActionEffect, string]>)("%s: starts, runs the command, then sends its answer that way", async (effect, sent) => {
    const { log, targets } = recorder();
    await dispatchByEffect(effect, async () => (log.push("run"), infoReply("t", "x")), targets);
    expect(log).toEqual([`start:${effect}`, "run", sent]);
  });

  it.each(["replace", "private", "public"] as ActionEffect[])("%s: an error goes to the clicker alone", async (effect) => {
    const { log, targets } = recorder();
    await dispatchByEffect(effect, async () => errorReply("no"), targets);
    expect(log).toEqual([`start:${effect}`, "private:error"]);
  });

  it("needs no start step", async () => {
    const { log, targets } = recorder();
    const { start: _start, ...rest } = targets;
    await dispatchByEffect("public", async () => infoReply("t", "x"), rest);
    expect(log).toEqual(["public:info"]);
  });
});
