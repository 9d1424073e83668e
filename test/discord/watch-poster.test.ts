import { afterAll, beforeAll, expect, it } from "vitest";
import { DiscordPoster } from "../../src/adapters/discord/poster.ts";
import { infoReply } from "../../src/model/reply.ts";
import { makeItem } from "../store/fixtures.ts";
import { CHANNEL_ID, FakeDiscord, GUILD_ID, USER_ID } from "../fakes/discord/fake-discord.ts";

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(() => discord.close());

const noStore = { setMeta: async (): Promise<void> => undefined };

it("posts a watch in a thread started from the message it was made from, or in the watcher's DM, and finds either again", async () => {
  const poster = new DiscordPoster({ token: "t", apiUrl: discord.apiUrl, store: noStore, rest: { retries: 0, timeout: 30_000 } });
  const root = await poster.post(makeItem({ key: "card", channel: { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID } }), null);
  const reply = infoReply("Watched question: answered", "x", "public");
  const inThread = makeItem({ key: "watch:thread", kind: "watch", channel: { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID }, threadMessageId: root, reply });
  const direct = makeItem({ key: "watch:dm", kind: "watch", channel: { platform: "discord", workspaceId: GUILD_ID, channelId: USER_ID }, direct: true, reply });

  expect(await poster.findPosted(inThread)).toBeNull();
  expect(await poster.findPosted(direct)).toBeNull();
  const threadMessage = await poster.post(inThread, root);
  const dmMessage = await poster.post(direct, null);
  expect(discord.messagesIn(root).map((m) => m["id"])).toEqual([threadMessage]); // the thread's id is the message's
  expect(discord.messagesIn(discord.dmChannels.get(USER_ID)!).map((m) => m["id"])).toEqual([dmMessage]);
  const again = new DiscordPoster({ token: "t", apiUrl: discord.apiUrl, store: noStore, rest: { retries: 0, timeout: 30_000 } });
  expect(await again.findPosted(inThread)).toBe(threadMessage);
  expect(await again.findPosted(direct)).toBe(dmMessage);
});
