/** The Discord permission guards on their own. */
import { PermissionFlagsBits, PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { inGuild, manageChannels, subscriptionGuard } from "../../src/adapters/discord/guards.ts";
import { allOf, anyOf } from "../../src/adapters/shared/guards.ts";

const perms = (...bits: bigint[]) => new PermissionsBitField(bits);

describe("Discord guards", () => {
  it("Manage Channels, or Administrator, in a server is allowed", () => {
    expect(subscriptionGuard({ guildId: "1", memberPermissions: perms(PermissionFlagsBits.ManageChannels) }).allowed).toBe(true);
    expect(subscriptionGuard({ guildId: "1", memberPermissions: perms(PermissionFlagsBits.Administrator) }).allowed).toBe(true);
  });

  it("a member without it is refused, and so is anyone outside a server", () => {
    expect(subscriptionGuard({ guildId: "1", memberPermissions: perms(PermissionFlagsBits.SendMessages) })).toEqual({
      allowed: false,
      reason: "you need the Manage Channels permission in this channel",
    });
    const dm = subscriptionGuard({ guildId: null, memberPermissions: null });
    expect(dm.allowed).toBe(false);
    expect(dm.reason).toContain("server channels");
  });

  it("compose: allOf stops at the first refusal, anyOf at the first allowance", () => {
    const who = { guildId: null, memberPermissions: perms(PermissionFlagsBits.ManageChannels) };
    expect(allOf(manageChannels, inGuild)(who).reason).toContain("server channels");
    expect(anyOf(inGuild, manageChannels)(who).allowed).toBe(true);
  });
});
