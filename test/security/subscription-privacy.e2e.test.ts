/**
 * Subscription privacy through the real adapters: the core is told who may see every channel's
 * subscriptions by each platform's own rule (Slack workspace admins and owners, even where
 * subscriptions are open to everyone; Discord Manage Server, not Manage Channels), and a member
 * sees only the channel they are in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordHandle } from "../../src/adapters/discord/index.ts";
import { startSlack, type SlackHandle } from "../../src/adapters/slack/index.ts";
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, type RecordedRequest } from "../fakes/discord/fake-discord.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { FORM, sendSigned, slashCommandBody, type Who } from "../fakes/slack/signed-request.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";
import { allText } from "../slack/message-helpers.ts";
import { makeSubscription } from "../store/fixtures.ts";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("Slack", () => {
  let fake: FakeSlack;
  let seeded: SeededCore;
  let slack: SlackHandle;
  let n = 0;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    seeded = await seededCore();
    await seeded.alerts.createSubscription(makeSubscription({ id: "pub1", query: "general matters", channel: { platform: "slack", workspaceId: "T0001", channelId: "C0001" } }));
    await seeded.alerts.createSubscription(makeSubscription({ id: "prv1", query: "board secrets", channel: { platform: "slack", workspaceId: "T0001", channelId: "GPRIVATE" } }));
    // Open subscriptions: everyone may change their channel's, yet only admins see every channel's.
    const config = {
      auth: { kind: "token" as const, botToken: "xoxb-t" },
      mode: { kind: "http" as const, signingSecret: "s3cret", port: 0 },
      apiUrl: fake.apiUrl,
      openSubscriptions: true,
    };
    slack = await startSlack({ core: seeded.core, store: seeded.store, config, logger: quiet, retries: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
    await seeded.close();
  });

  const list = async (who: Who): Promise<string> => {
    const id = `p${++n}`;
    await sendSigned(`http://127.0.0.1:${slack.port}/slack/events`, "s3cret", slashCommandBody("subscriptions", fake.responseUrl(id), who), { contentType: FORM });
    await fake.waitFor(() => fake.responsesTo(id).length > 0, 10_000);
    return allText(fake.responsesTo(id)[0]!.body);
  };

  it("a member (a guest included) sees the channel they are in, not a private channel's", async () => {
    const text = await list({ userId: "UGUEST", teamId: "T0001", channelId: "C0001" });
    expect(text).toContain("pub1");
    expect(text).not.toMatch(/prv1|board secrets|GPRIVATE/);
  });

  it("a workspace admin sees every channel's", async () => {
    fake.users.set("UADMIN", { is_admin: true });
    const text = await list({ userId: "UADMIN", teamId: "T0001", channelId: "C0001" });
    expect(text).toContain("pub1");
    expect(text).toContain("prv1");
  });
});

describe("Discord", () => {
  let fake: FakeDiscord;
  let seeded: SeededCore;
  let bot: DiscordHandle;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    seeded = await seededCore();
    await seeded.alerts.createSubscription(makeSubscription({ id: "pub1", query: "general matters", channel: { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID } }));
    await seeded.alerts.createSubscription(makeSubscription({ id: "prv1", query: "mods only", channel: { platform: "discord", workspaceId: GUILD_ID, channelId: "123456789012345678" } }));
    bot = await startDiscord({ core: seeded.core, store: seeded.store, config: { token: "t", applicationId: APP_ID, apiUrl: fake.apiUrl }, logger: quiet, rest: { retries: 0, timeout: 2000 } });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await seeded.close();
  });

  const list = async (permissions: string): Promise<string> => {
    const { token } = fake.commandAs({ permissions }, "wq-alerts", "list");
    const edit = await fake.waitFor((r: RecordedRequest) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`);
    return JSON.stringify(edit.body);
  };

  it("Manage Channels in this channel shows this channel's only", async () => {
    const text = await list(String(1024n | 2048n | 16n));
    expect(text).toContain("pub1");
    expect(text).not.toMatch(/prv1|mods only/);
  });

  it("Manage Server shows every channel's", async () => {
    const text = await list(String(1024n | 2048n | 16n | 32n));
    expect(text).toContain("prv1");
  });
});
