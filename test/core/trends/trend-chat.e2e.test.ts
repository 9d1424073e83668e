/**
 * `/wq trend` through the real adapters against the fakes: Slack uploads the chart into the
 * channel with the numbers as its comment, Discord attaches it to the reply's embed, the console
 * writes it to a file and prints the path; each carries the text for where images are off.
 */
import { existsSync, readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { PNG } from "pngjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runConsole } from "../../../src/adapters/console/console.ts";
import { startDiscord, type DiscordHandle } from "../../../src/adapters/discord/index.ts";
import { APP_ID, FakeDiscord, type RecordedRequest } from "../../fakes/discord/fake-discord.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody } from "../../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../../helpers/core.ts";
import { quietLogger, runSlack, SECRET, type Running } from "../../slack/harness.ts";

/** The fixtures hold questions to the FCDO tabled in December 2024, within the default two years. */
const QUERY = "dept:fcdo";

let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

function decodesAsChart(bytes: Buffer): void {
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([1200, 600]);
}

describe("in Slack", () => {
  let fake: FakeSlack;
  let slack: Running;
  let n = 0;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    slack = await runSlack(seeded.core, seeded.store, fake);
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const send = (text: string, id: string) => sendSigned(slack.url, SECRET, slashCommandBody(text, fake.responseUrl(id), { channelId: "C0042" }), { contentType: FORM });

  it("uploads the chart into the channel, its comment the numbers, through the files upload API", async () => {
    const id = `trend${n++}`;
    expect((await send(`trend ${QUERY}`, id)).status).toBe(200);
    await fake.waitFor(() => fake.uploads.shared.length > 0);
    const shared = fake.uploads.shared[0]!;
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    expect(shared).toMatchObject({ channel: "C0042", title: "trend.png" });
    expect(shared.initialComment).toMatch(/^\*Trend for dept:fcdo: \d+ questions? tabled /);
    expect(shared.initialComment).toContain("Top askers:");
    expect(shared.initialComment).toContain("Answered on time:");
    expect(shared.file.altText).toMatch(/^Bar chart of \d+ written questions matching dept:fcdo/);
    decodesAsChart(shared.file.bytes!);
    // The upload carried the text: nothing else was posted.
    expect(fake.responsesTo(id)).toEqual([]);
    expect(fake.refused).toEqual([]);
  });

  it("posts the numbers with the reason when wq is not in the channel", async () => {
    fake.fail("files.completeUploadExternal", { error: "not_in_channel" });
    const id = `trend${n++}`;
    await send(`trend ${QUERY}`, id);
    await fake.waitFor(() => fake.responsesTo(id).length > 0);
    const post = fake.responsesTo(id)[0]!.body;
    expect(post.response_type).toBe("in_channel");
    expect(JSON.stringify(post)).toContain("Top askers:");
    expect(JSON.stringify(post)).toContain("/invite @wq");
    expect(fake.uploads.shared).toEqual([]);
    expect(quietLogger.errors).toEqual([]);
  });

  it("says what is wrong with a bad query, privately, uploading nothing", async () => {
    const id = `trend${n++}`;
    await send("trend dept:nowhere", id);
    await fake.waitFor(() => fake.responsesTo(id).length > 0);
    expect(fake.responsesTo(id)[0]!.body.response_type).toBe("ephemeral");
    expect(fake.callsTo("files.getUploadURLExternal")).toEqual([]);
  });
});

describe("in Discord", () => {
  let fake: FakeDiscord;
  let bot: DiscordHandle;
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startDiscord({ core: seeded.core, store: seeded.store, config: { token: "fake-token", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 30_000 } });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });

  it("attaches the chart to the reply's embed, whose description holds the numbers", async () => {
    const { token } = fake.command("trend", [{ name: "query", type: 3, value: QUERY }]);
    const edit = await fake.waitFor((r: RecordedRequest) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`);
    expect(edit.headers["content-type"]).toMatch(/^multipart\/form-data/);
    const body = edit.body as { embeds: Array<{ title: string; description: string; image?: { url: string } }>; attachments: Array<{ id: string; description: string }> };
    expect(body.embeds[0]!.title).toMatch(/^Trend for dept:fcdo/);
    expect(body.embeds[0]!.description).toContain("Top askers:");
    expect(body.embeds[0]!.image).toEqual({ url: "attachment://trend.png" });
    // The alt text rides on the attachment; its file name on the multipart part.
    expect(body.attachments).toEqual([{ id: "0", description: expect.stringMatching(/^Bar chart of \d+ written questions matching dept:fcdo/) }]);
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]).toMatchObject({ name: "trend.png" });
    decodesAsChart(edit.files[0]!.bytes);
    expect(fake.refused).toEqual([]);
  });
});

describe("in the console", () => {
  it("prints the numbers with the sparkline and the path of the chart it wrote", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
    input.end(`trend ${QUERY}\n`);
    await runConsole(seeded.core, input, output);
    // Help, printed first, lists the command from the table.
    expect(printed).toContain("/wq trend <query>: how many questions match");
    expect(printed).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(printed).toContain("Top askers:");
    const path = /Chart: (\S+\.png)/.exec(printed)?.[1];
    expect(path && existsSync(path)).toBe(true);
    decodesAsChart(readFileSync(path!));
  });
});
