/**
 * The fake Discord answers an over-limit message with 50035 Invalid Form Body in Discord's error
 * shape, so a renderer that sends one fails the test that sent it. Driven through discord.js's REST.
 */
import { DiscordAPIError, REST, Routes } from "discord.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, FakeDiscord } from "./fake-discord.ts";
import { DISCORD_DOCUMENTED as D } from "./message-limits.ts";

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken("t");
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.resetChannels();
  fake.refused.length = 0;
});

const x = (n: number): string => "x".repeat(n);
const button = (id: string, label = "Go") => ({ type: 2, style: 1, custom_id: id, label });
const row = (n: number, prefix = "b") => ({ type: 1, components: Array.from({ length: n }, (_, i) => button(`${prefix}${i}`)) });
const send = (body: Record<string, unknown>) => rest.post(Routes.channelMessages(CHANNEL_ID), { body });

describe("channel messages at each documented limit and one past it", () => {
  const cases: Array<[string, (n: number) => Record<string, unknown>, number, Record<string, unknown>]> = [
    ["content", (n) => ({ content: x(n) }), D.content, { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } }],
    ["embeds", (n) => ({ embeds: Array.from({ length: n }, () => ({ title: "t" })) }), D.embeds, { embeds: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } }],
    ["embed title", (n) => ({ embeds: [{ title: x(n) }] }), D.embedTitle, { embeds: { "0": { title: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } }],
    ["embed description", (n) => ({ embeds: [{ description: x(n) }] }), D.embedDescription, { embeds: { "0": { description: {} } } }],
    ["embed fields", (n) => ({ embeds: [{ fields: Array.from({ length: n }, () => ({ name: "n", value: "v" })) }] }), D.embedFields, { embeds: { "0": { fields: {} } } }],
    ["field value", (n) => ({ embeds: [{ fields: [{ name: "n", value: x(n) }] }] }), D.fieldValue, { embeds: { "0": { fields: { "0": { value: {} } } } } }],
    ["footer", (n) => ({ embeds: [{ footer: { text: x(n) } }] }), D.footerText, { embeds: { "0": { footer: { text: {} } } } }],
    ["all embeds together", (n) => ({ embeds: [{ description: x(4000) }, { description: x(n - 4000) }] }), D.embedsTotal, { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } }],
    ["action rows", (n) => ({ components: Array.from({ length: n }, (_, i) => row(1, `r${i}-`)) }), D.actionRows, { components: { _errors: [{}] } }],
    ["buttons in a row", (n) => ({ components: [row(n)] }), D.rowButtons, { components: { "0": { components: {} } } }],
    ["custom_id", (n) => ({ components: [{ type: 1, components: [button(x(n))] }] }), D.customId, { components: { "0": { components: { "0": { custom_id: {} } } } } }],
  ];
  it.each(cases)("%s", async (_what, make, limit, errors) => {
    await expect(send(make(limit))).resolves.toMatchObject({ channel_id: CHANNEL_ID });
    const refused = await send(make(limit + 1)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 400, code: 50035, rawError: { message: "Invalid Form Body", errors } });
    expect(fake.messagesIn(CHANNEL_ID)).toHaveLength(1);
    expect(fake.refused).toHaveLength(1);
  });
});

it("checks interaction replies and webhook edits too", async () => {
  const callback = rest.post(Routes.interactionCallback("1", "tok"), { body: { type: 4, data: { content: x(D.content + 1) } }, auth: false });
  await expect(callback).rejects.toMatchObject({ code: 50035 });
  const edit = rest.patch(Routes.webhookMessage("1", "tok", "@original"), { body: { content: x(D.content + 1) }, auth: false });
  await expect(edit).rejects.toMatchObject({ code: 50035 });
  await expect(rest.post(Routes.interactionCallback("1", "tok"), { body: { type: 4, data: { content: x(D.content) } }, auth: false })).resolves.toBeDefined();
});
