import { webApi } from "@slack/bolt";
import { PNG } from "pngjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { imageComment, uploadReplyImages } from "../../../src/adapters/slack/upload-image.ts";
import { SLACK_LIMITS } from "../../../src/adapters/slack/limits.ts";
import { renderTrendChart } from "../../../src/core/trends/chart-render.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { fixedTrend } from "./trend-fixture.ts";

let fake: FakeSlack;
let client: webApi.WebClient;
let png: Buffer;

beforeAll(async () => {
  fake = await FakeSlack.start();
  client = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
  png = Buffer.from(await renderTrendChart(fixedTrend()));
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const image = () => ({ name: "trend.png", png: { base64: png.toString("base64") }, alt: "Bar chart of 5,092 written questions" });

describe("a chart uploaded to Slack", () => {
  it("goes through files.getUploadURLExternal, the upload URL and files.completeUploadExternal into the channel, with the text as its comment", async () => {
    const comment = imageComment("Trend for nhs dentists: 5,092 questions", "▁▂█  2024-08 to 2026-07\nTotal: 5,092 <questions>");
    const outcome = await uploadReplyImages(client, [image()], { channel: "C123", comment });
    expect(outcome).toEqual({ ok: true });
    expect(fake.callsTo("files.getUploadURLExternal")[0]?.args).toMatchObject({ filename: "trend.png", length: String(png.length), alt_text: "Bar chart of 5,092 written questions" });
    expect(fake.uploads.shared).toHaveLength(1);
    const shared = fake.uploads.shared[0]!;
    expect(shared).toMatchObject({ channel: "C123", threadTs: null, token: "xoxb-test" });
    // The text fallback: the title in bold, Slack's control characters escaped.
    expect(shared.initialComment).toBe("*Trend for nhs dentists: 5,092 questions*\n▁▂█  2024-08 to 2026-07\nTotal: 5,092 &lt;questions&gt;");
    expect(shared.file.bytes?.equals(png)).toBe(true);
    const decoded = PNG.sync.read(shared.file.bytes!);
    expect([decoded.width, decoded.height]).toEqual([1200, 600]);
  });

  it("goes into a thread when given one", async () => {
    await uploadReplyImages(client, [image()], { channel: "C123", threadTs: "1700000000.000100", comment: "x" });
    expect(fake.uploads.shared[0]).toMatchObject({ channel: "C123", threadTs: "1700000000.000100" });
  });

  it("keeps an alt text at Slack's 2,000 characters and cuts one past it", async () => {
    await uploadReplyImages(client, [{ ...image(), alt: "a".repeat(SLACK_LIMITS.imageAltText) }], { channel: "C1", comment: "x" });
    await uploadReplyImages(client, [{ ...image(), alt: "a".repeat(SLACK_LIMITS.imageAltText + 1) }], { channel: "C1", comment: "x" });
    expect(fake.callsTo("files.getUploadURLExternal").map((c) => String(c.args.alt_text).length)).toEqual([2000, 2000]);
  });

  it("keeps the comment within Slack's limit however long the text", () => {
    expect(imageComment("T", "line\n".repeat(2000)).length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it("says why when wq is not in the channel or lacks files:write, and posts nothing", async () => {
    fake.fail("files.completeUploadExternal", { error: "not_in_channel" });
    expect(await uploadReplyImages(client, [image()], { channel: "C123", comment: "x" })).toEqual({ ok: false, reason: expect.stringContaining("/invite @wq") });
    fake.reset();
    fake.fail("files.getUploadURLExternal", { error: "missing_scope", extra: { needed: "files:write" } });
    expect(await uploadReplyImages(client, [image()], { channel: "C123", comment: "x" })).toEqual({ ok: false, reason: expect.stringContaining("files:write") });
    expect(fake.uploads.shared).toEqual([]);
  });
});
