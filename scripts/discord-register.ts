/**
 * npm run discord:register: puts `/wq` and its subcommands on Discord (guild commands when
 * DISCORD_GUILD_ID is set, global otherwise) and prints the invite link.
 */
import "dotenv/config";
import { loadDiscordConfig } from "../src/adapters/discord/config.ts";
import { inviteUrl, registerCommands } from "../src/adapters/discord/register.ts";

try {
  const config = loadDiscordConfig(process.env);
  const { scope, commands } = await registerCommands(config);
  const where = scope === "guild" ? `in server ${config.guildId ?? ""} (visible at once)` : "globally (may take up to an hour to show)";
  console.log(`Registered ${commands.map((c) => `/${c.name}`).join(", ")} ${where}.`);
  console.log(`Invite the bot: ${inviteUrl(config.applicationId)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
