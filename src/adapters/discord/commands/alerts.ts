/**
 * `/wq-alerts`: the subscription commands, a top-level command of their own because Discord sets
 * `default_member_permissions` per top-level command: this one is shown only to members with
 * Manage Channels ("16"), while `/wq` stays open to everyone. Each subcommand becomes the same text
 * Slack users type after `/wq`, run by the core (`subscribe …`, `subscriptions`, `pause <id>`, …).
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { LIMITS } from "../limits.ts";
import type { OptionReader } from "./types.ts";

export const ALERTS_COMMAND_NAME = "wq-alerts";

export interface AlertsSubcommand {
  name: string;
  /** The core command it runs, so help shows this subcommand for it. */
  runs: string;
  /** The core command text for these options. */
  text(options: OptionReader): string;
}

const ID_OPTION = { name: "id", description: "The subscription's id (see /wq-alerts list)" } as const;

export const ALERTS_SUBCOMMANDS: readonly AlertsSubcommand[] = [
  {
    name: "subscribe",
    runs: "subscribe",
    text: (o) => {
      const every = o.getString("every");
      const at = o.getString("at");
      return ["subscribe", o.getString("query") ?? "", every ? `every:${every}` : "", at ? `at:${at}` : ""].filter(Boolean).join(" ");
    },
  },
  { name: "list", runs: "subscriptions", text: () => "subscriptions" },
  { name: "unsubscribe", runs: "unsubscribe", text: (o) => `unsubscribe ${o.getString("id") ?? ""}`.trim() },
  { name: "pause", runs: "pause", text: (o) => `pause ${o.getString("id") ?? ""}`.trim() },
  { name: "resume", runs: "resume", text: (o) => `resume ${o.getString("id") ?? ""}`.trim() },
];

export function alertsSubcommand(name: string): AlertsSubcommand | undefined {
  return ALERTS_SUBCOMMANDS.find((s) => s.name === name);
}

export function alertsCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return (
    new SlashCommandBuilder()
      .setName(ALERTS_COMMAND_NAME)
      .setDescription("Post new UK Parliament written answers to this channel")
      .setContexts(InteractionContextType.Guild)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
      .addSubcommand((sub) =>
        sub
          .setName("subscribe")
          .setDescription("Subscribe this channel to a search: shows a preview to confirm")
          .addStringOption((o) =>
            o
              .setName("query")
              .setDescription('Words and filters, as in /wq search (e.g. xinjiang dept:"Home Office")')
              .setRequired(true)
              .setMaxLength(LIMITS.queryOption)
              .setAutocomplete(true),
          )
          .addStringOption((o) =>
            o
              .setName("every")
              .setDescription("As they come (default), or a digest")
              .addChoices({ name: "instant", value: "instant" }, { name: "daily", value: "daily" }, { name: "weekly", value: "weekly" }),
          )
          .addStringOption((o) => o.setName("at").setDescription("Digest time, London, HH:MM (e.g. 08:30)").setMinLength(4).setMaxLength(5)),
      )
      .addSubcommand((sub) => sub.setName("list").setDescription("This channel's subscriptions (every channel's with Manage Server)"))
      .addSubcommand((sub) =>
        sub.setName("unsubscribe").setDescription("Stop a subscription").addStringOption((o) => o.setName(ID_OPTION.name).setDescription(ID_OPTION.description).setRequired(true).setMaxLength(40)),
      )
      .addSubcommand((sub) =>
        sub.setName("pause").setDescription("Pause a subscription").addStringOption((o) => o.setName(ID_OPTION.name).setDescription(ID_OPTION.description).setRequired(true).setMaxLength(40)),
      )
      .addSubcommand((sub) =>
        sub.setName("resume").setDescription("Resume a paused subscription").addStringOption((o) => o.setName(ID_OPTION.name).setDescription(ID_OPTION.description).setRequired(true).setMaxLength(40)),
      )
      .toJSON()
  );
}
