/** The real core's replies, rendered: every one within Slack's limits. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderFull, renderHome, renderReply, renderUnfurl } from "../../src/adapters/slack/render.ts";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { checkMessage } from "./check-message.ts";

let seeded: SeededCore;
const ctx = { platform: "slack" as const, userId: "U0001" };

beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

test.each([
  "search china",
  "search house:commons",
  "search status:answered sort:newest",
  "search <!channel> @here <https://evil|click>",
  "latest 20",
  "show 2024-07-17/227",
  "help",
  "status",
  "",
  "nonsense words here",
])("/wq %s", async (text) => {
  const reply = await seeded.core.run(text, ctx);
  checkMessage(renderReply(reply));
  checkMessage(renderReply(reply, { sharedBy: "U0001" }));
});

test("every seeded question renders as full answer, excerpt and unfurl", async () => {
  for await (const batch of seeded.store.allQuestions()) {
    for (const q of batch) {
      checkMessage(renderReply({ kind: "question", title: q.heading, text: "", cards: [seeded.core.card(q)], actions: [], visibility: "private" }));
      const full = renderFull({ kind: "question", title: q.heading, text: "", cards: [seeded.core.card(q, { full: true })], actions: [], visibility: "private" });
      expect(full.length).toBeLessThanOrEqual(SLACK_LIMITS.responseUrlPosts - 1);
      for (const m of full) checkMessage(m);
      expect(renderUnfurl(seeded.core.card(q)).length).toBeGreaterThan(0);
    }
  }
});

test("the core's help makes a Home tab within the view limit", async () => {
  const view = renderHome(await seeded.core.run("help", ctx));
  expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.homeBlocks);
});
