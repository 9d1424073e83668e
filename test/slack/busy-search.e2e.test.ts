/**
 * Issue 9: while one workspace's search holds the search worker, another workspace's `/wq help`
 * is acknowledged and answered. Proved by order, not by a clock: the worker is held inside the
 * search (as a heavy query holds it) until help has been answered, and the search's own answer
 * comes only after the worker is released. With the index in the event loop's thread, the ack
 * could not even be sent while the search ran.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openCore, type OpenedCore } from "../../src/core/open-core.ts";
import { importPaths } from "../../src/sources/readers/import.ts";
import { storeTexts } from "../../src/core/search/store-texts.ts";
import { WorkerEngine } from "../../src/core/search/worker-engine.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../fakes/slack/signed-request.ts";
import { FIXTURE_QUESTIONS_DIR, SEEDS_DIR } from "../helpers/core.ts";
import { runSlack, SECRET, type Running } from "./harness.ts";
import { allText } from "./message-helpers.ts";

const hold = new Int32Array(new SharedArrayBuffer(8));
let fake: FakeSlack;
let store: SqliteStore;
let opened: OpenedCore;
let slack: Running;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "wq-busy-")), "wq.db");
  store = new SqliteStore(file);
  await importPaths([SEEDS_DIR, FIXTURE_QUESTIONS_DIR], store);
  fake = await FakeSlack.start();
  opened = await openCore({ store, engine: new WorkerEngine({ textsFile: file, texts: storeTexts(store), hold }) });
  slack = await runSlack(opened.core, store, fake);
});
afterAll(async () => {
  Atomics.store(hold, 0, 0);
  Atomics.notify(hold, 0);
  await slack.stop();
  await fake.close();
  await opened.close();
  await store.close();
});

test("another workspace's /wq help is acked and answered while a search holds the index", async () => {
  Atomics.store(hold, 0, 1);
  const heavy = await sendSigned(slack.url, SECRET, slashCommandBody('search "forced labour" OR xinjiang', fake.responseUrl("heavy"), { teamId: "TA" }), { contentType: FORM });
  expect(heavy.status).toBe(200);
  await expect.poll(() => Atomics.load(hold, 1), { interval: 5, timeout: 30_000 }).toBe(1);

  const help = await sendSigned(slack.url, SECRET, slashCommandBody("help", fake.responseUrl("help"), { teamId: "TB", userId: "U0002" }), { contentType: FORM });
  expect(help.status).toBe(200);
  await fake.waitFor(() => fake.responsesTo("help").length > 0);
  expect(allText(fake.responsesTo("help")[0]!.body)).toContain("Query syntax");
  // The search is still inside the worker: nothing has been posted for it yet.
  expect(Atomics.load(hold, 1)).toBe(1);
  expect(fake.responsesTo("heavy")).toEqual([]);

  Atomics.store(hold, 0, 0);
  Atomics.notify(hold, 0);
  await fake.waitFor(() => fake.responsesTo("heavy").length > 0, 30_000);
  expect(allText(fake.responsesTo("heavy")[0]!.body)).toMatch(/Xinjiang/i);
});
