import { describe, expect, it } from "vitest";
import { discordConfigured, loadDiscordConfig } from "../../src/adapters/discord/config.ts";
import { BOT_PERMISSIONS, inviteUrl } from "../../src/adapters/discord/register.ts";

const APP = "111111111111111111";

describe("Discord config", () => {
  it("is configured when a token is set", () => {
    expect(discordConfigured({})).toBe(false);
    expect(discordConfigured({ DISCORD_TOKEN: "  " })).toBe(false);
    expect(discordConfigured({ DISCORD_TOKEN: "abc" })).toBe(true);
  });

  it("parses a full environment, trimming the API URL's slash and treating empty as unset", () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: "", DISCORD_API_URL: "http://127.0.0.1:1/api/" })).toEqual({
      token: "t",
      applicationId: APP,
      apiUrl: "http://127.0.0.1:1/api",
    });
    expect(loadDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: "333333333333333333" }).guildId).toBe("333333333333333333");
  });

  it("names every missing or invalid variable", () => {
    let message = "";
    try {
      loadDiscordConfig({ DISCORD_GUILD_ID: "my server", DISCORD_API_URL: "ftp://x" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("DISCORD_TOKEN is missing");
    expect(message).toContain("DISCORD_APPLICATION_ID is missing");
    expect(message).toContain("DISCORD_GUILD_ID must be a Discord id");
    expect(message).toContain("DISCORD_API_URL must be an http(s) URL");
  });
});

describe("invite URL", () => {
  it("asks for bot and applications.commands with the computed permissions", () => {
    // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536.
    expect(BOT_PERMISSIONS).toBe(309237730304n);
    expect(inviteUrl(APP)).toBe(`https://discord.com/oauth2/authorize?client_id=${APP}&scope=bot+applications.commands&permissions=309237730304`);
  });
});
