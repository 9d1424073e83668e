/** The ack does not wait for the core: Slack gets its 200 while the answer is still being made. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { LogLevel } from "@slack/bolt";
import { boltLogger } from "../../src/adapters/slack/logger.ts";
import { infoReply } from "../../src/model/reply.ts";
import { fakeCore } from "../fakes/slack/fake-core.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { runSlack, SECRET, type Running } from "./harness.ts";

let fake: FakeSlack;
let seeded: SeededCore;
let slack: Running;
let release: () => void = () => {};
const gate = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  fake = await FakeSlack.start();
  seeded = await seededCore();
  const core = fakeCore({ run: async (text) => (await gate, infoReply("done", text)) });
  slack = await runSlack(core, seeded.store, fake);
});
afterAll(async () => {
  release();
  await slack.stop();
  await fake.close();
  await seeded.close();
});

test("a slash command is acked while the core is still working, then answered", async () => {
  const sent = await sendSigned(slack.url, SECRET, slashCommandBody("search slow", fake.responseUrl("slow")), { contentType: FORM });
  expect(sent.status).toBe(200);
  expect(fake.responsesTo("slow")).toEqual([]);
  release();
  await fake.waitFor(() => fake.responsesTo("slow").length > 0);
  expect(fake.responsesTo("slow")[0]?.body.text).toContain("done");
});

test("the logger adapter honours Bolt's levels", () => {
  const lines: string[] = [];
  const logger = boltLogger({ debug: (m) => void lines.push(`d ${m}`), info: (m) => void lines.push(`i ${m}`), warn: (m) => void lines.push(`w ${m}`), error: (m) => void lines.push(`e ${m}`) });
  logger.debug("hidden");
  logger.info("shown");
  logger.setLevel(LogLevel.ERROR);
  logger.warn("hidden");
  logger.error(new Error("boom"));
  expect(lines).toEqual(["i [slack] shown", "e [slack] Error: boom"]);
  expect(logger.getLevel()).toBe(LogLevel.ERROR);
});
