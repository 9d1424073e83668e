import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffEmbed } from "../../src/adapters/discord/alert-extras.ts";
import { discordMentionResolver, restGuildDirectory } from "../../src/adapters/discord/mentions.ts";
import { alertMessage } from "../../src/adapters/discord/poster.ts";
import { LIMITS } from "../../src/adapters/discord/limits.ts";
import { wordDiff } from "../../src/core/alerts/answer-diff.ts";
import { infoReply } from "../../src/model/reply.ts";
import { FakeDiscord, GUILD_ID } from "../fakes/discord/fake-discord.ts";
import { discordRefusal } from "../fakes/discord/message-limits.ts";

const ROLE = "777777777777777777";
const ADA = "888888888888888888";
const noStore = { setMeta: async (): Promise<void> => undefined };

describe("Discord alert pings", () => {
  it("names exactly the subscription's role and user in allowed_mentions; other text pings nobody", async () => {
    const reply = infoReply("New answer", "Ask @everyone and <@999999999999999999> about <@&666666666666666666>", "public");
    const message = await alertMessage(
      { kind: "instant", key: "k", reply, mentions: [{ kind: "group", id: ROLE, label: "@health-team" }, { kind: "user", id: ADA, label: "@ada" }] },
      noStore,
    );
    expect(message.content.startsWith(`<@&${ROLE}> <@${ADA}>\n`)).toBe(true);
    expect(message.allowedMentions).toEqual({ parse: [], roles: [ROLE], users: [ADA] });
    const plain = await alertMessage({ kind: "instant", key: "k", reply }, noStore);
    expect(plain.allowedMentions).toEqual({ parse: [] });
    expect(plain.content).not.toMatch(/<@/);
  });
});

describe("Discord correction diffs", () => {
  it("strikes out what was taken out and bolds what was put in", () => {
    expect(diffEmbed(wordDiff("We funded 12 schools.", "We funded 14 schools.", "What the correction changed"), 6000)).toMatchObject({
      title: "What the correction changed",
      description: "We funded ~~12~~ **14** schools.",
    });
  });

  it("fits a long diff into what the message has left, and Discord would accept the message", async () => {
    const before = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(" ");
    const after = before.replace(/word(\d*50) /g, "changed$1 ");
    const reply = { ...infoReply("Correction", "x", "public"), diff: wordDiff(before, after, "What the correction changed") };
    const message = await alertMessage({ kind: "correction", key: "k", reply }, noStore);
    const embed = message.embeds.find((e) => e.title === "What the correction changed");
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed?.description?.endsWith("…")).toBe(true);
    expect(discordRefusal({ content: message.content, embeds: message.embeds, components: message.components })).toBeNull();
  });
});

describe("Discord notify: validation", () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
    discord.roles = [
      { id: GUILD_ID, name: "@everyone" },
      { id: ROLE, name: "Health Team" },
    ];
    discord.members.set(ADA, { user: { id: ADA, username: "ada", global_name: "Ada" } });
  });
  afterAll(() => discord.close());

  it("finds a role by name or mention and a member by mention, and refuses the rest in one line", async () => {
    const rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken("test-token");
    const resolve = discordMentionResolver(restGuildDirectory(rest, GUILD_ID));
    expect(await resolve(["@Health-Team", `<@${ADA}>`])).toEqual({
      ok: true,
      mentions: [
        { kind: "group", id: ROLE, label: "@Health Team" },
        { kind: "user", id: ADA, label: "@Ada" },
      ],
    });
    expect(await resolve([`<@&${ROLE}>`])).toMatchObject({ ok: true, mentions: [{ id: ROLE }] });
    for (const bad of ["@nobody", "@everyone", `<@&${GUILD_ID}>`, "<@123456789012345678>"]) {
      const answer = await resolve([bad]);
      expect(answer.ok).toBe(false);
      expect(answer.ok ? "" : answer.message).toMatch(/e\.g\. notify:@health-team/);
    }
  });
});
