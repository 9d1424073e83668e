import { describe, expect, it } from "vitest";
import { withImageAttachments } from "../../../src/adapters/discord/image-attachment.ts";
import { LIMITS } from "../../../src/adapters/discord/limits.ts";

const message = { content: "", embeds: [{ title: "Trend for x", description: "numbers" }], components: [], allowedMentions: { parse: [] as [] } };
const image = (alt: string) => ({ name: "trend.png", png: { base64: Buffer.from("png").toString("base64") }, alt });

describe("a chart on a Discord message", () => {
  it("keeps an alt text at Discord's 1,024 characters and cuts one past it", () => {
    expect(LIMITS.attachmentDescription).toBe(1024);
    expect(withImageAttachments(message, [image("a".repeat(1024))]).files?.[0]?.description).toHaveLength(1024);
    expect(withImageAttachments(message, [image("a".repeat(1025))]).files?.[0]?.description).toHaveLength(1024);
  });

  it("shows the first image in the first embed, under a file name attachment:// can name", () => {
    const sent = withImageAttachments(message, [{ ...image("alt"), name: "../odd name" }]);
    expect(sent.files?.[0]).toMatchObject({ name: "image-1.png", attachment: Buffer.from("png") });
    expect(sent.embeds[0]).toMatchObject({ title: "Trend for x", description: "numbers", image: { url: "attachment://image-1.png" } });
    expect(withImageAttachments(message, [])).toBe(message);
  });
});
