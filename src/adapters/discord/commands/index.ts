/**
 * Discord's slash commands: `/wq`, and `/wq-alerts` on its own because Discord sets
 * `default_member_permissions` per top-level command (Manage Channels, "16"). One table feeds the
 * register script, the interaction handler and the syntax help shows. Each subcommand turns its
 * options into a request or command text; which commands need a permission is the core's to say.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody, type SlashCommandStringOption, type SlashCommandSubcommandBuilder } from "discord.js";
import { DEFAULT_LATEST, type CommandSyntax } from "../../../core/index.ts";
import { CadenceSchema } from "../../../model/alerts.ts";
import type { CommandRequest } from "../../../model/request.ts";
import { LIMITS } from "../limits.ts";

/** The option getters we use; discord.js's resolver has them, tests can fake them. */
export interface OptionReader {
  getString(name: string): string | null;
  getInteger(name: string): number | null;
  getBoolean(name: string): boolean | null;
}

export type TopLevel = "wq" | "wq-alerts";

export interface Subcommand {
  parent: TopLevel;
  name: string;
  /** The core command it runs (its own name when absent), so help shows this subcommand for it. */
  runs?: string;
  define(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  /** A request for the core to execute, or command text for it to read (parsed and checked there). */
  input(options: OptionReader): CommandRequest | string;
}

const query = (o: SlashCommandStringOption, description: string) =>
  // Autocomplete offers department names while a dept: filter is being typed.
  o.setName("query").setDescription(description).setMaxLength(LIMITS.queryOption).setAutocomplete(true);
const id = (o: SlashCommandStringOption) => o.setName("id").setDescription("The subscription's id (see /wq-alerts list)").setRequired(true).setMaxLength(40);
const withId = (verb: string) => (o: OptionReader) => `${verb} ${o.getString("id") ?? ""}`.trim();

export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    parent: "wq",
    name: "search",
    define: (s) => s.setDescription("Search written questions and answers").addStringOption((o) => query(o, 'Words to find; filters such as dept:"Home Office" or house:lords').setRequired(true)),
    input: (o) => ({ name: "search", query: o.getString("query") ?? "", page: 1 }),
  },
  {
    parent: "wq",
    name: "show",
    define: (s) =>
      s.setDescription("Show one question and its answer")
        .addStringOption((o) => o.setName("ref").setDescription("The question's id, yyyy-mm-dd/uin, or its parliament.uk address").setRequired(true).setMaxLength(LIMITS.refOption))
        .addBooleanOption((o) => o.setName("full").setDescription("The whole answer, not the opening")),
    input: (o) => ({ name: "show", ref: o.getString("ref") ?? "", full: o.getBoolean("full") ?? false }),
  },
  {
    parent: "wq",
    name: "latest",
    define: (s) =>
      s.setDescription("The most recently answered questions")
        .addIntegerOption((o) => o.setName("count").setDescription("How many (1-20)").setMinValue(1).setMaxValue(20))
        .addStringOption((o) => query(o, "Only those matching this search")),
    input: (o) => ({ name: "latest", count: o.getInteger("count") ?? DEFAULT_LATEST, query: o.getString("query") ?? "" }),
  },
  {
    parent: "wq",
    name: "overdue",
    define: (s) =>
      s
        .setDescription("Questions overdue per department: how many, how late, the oldest")
        .addStringOption((o) => o.setName("dept").setDescription("Only this department (dhsc, health, 17)").setMaxLength(100)),
    // "dept:dhsc" typed out of habit is "dhsc"; the core resolves the term when it runs.
    input: (o) => {
      const dept = o.getString("dept")?.trim().replace(/^dept:/i, "").replace(/^"|"$/g, "");
      return { name: "overdue", departments: dept ? [dept] : [] };
    },
  },
  {
    parent: "wq",
    name: "trend",
    define: (s) => s.setDescription("How many questions match, month by month, as a chart by department").addStringOption((o) => query(o, 'Any search, e.g. dept:dhsc or "mental health" tabled:2025').setRequired(true)),
    input: (o) => ({ name: "trend", query: o.getString("query") ?? "" }),
  },
  { parent: "wq", name: "help", define: (s) => s.setDescription("How to use wq"), input: () => ({ name: "help" }) },
  { parent: "wq", name: "status", define: (s) => s.setDescription("How many questions wq holds and when it last synced"), input: () => ({ name: "status" }) },
  {
    parent: "wq",
    name: "watch",
    define: (s) =>
      s
        .setDescription("Follow one question until it is answered: its changes come to you")
        .addStringOption((o) => o.setName("ref").setDescription("The question's id, yyyy-mm-dd/uin, or its parliament.uk address").setRequired(true).setMaxLength(LIMITS.refOption)),
    input: (o) => ({ name: "watch", ref: o.getString("ref") ?? "" }),
  },
  { parent: "wq", name: "watching", define: (s) => s.setDescription("The questions you watch"), input: () => ({ name: "watching" }) },
  {
    parent: "wq",
    name: "unwatch",
    define: (s) =>
      s
        .setDescription("Stop watching a question")
        .addStringOption((o) => o.setName("ref").setDescription("The watch id (see /wq watching) or the question").setRequired(true).setMaxLength(LIMITS.refOption)),
    input: (o) => ({ name: "unwatch", ref: o.getString("ref") ?? "" }),
  },
  {
    parent: "wq-alerts",
    name: "subscribe",
    define: (s) =>
      s
        .setDescription("Subscribe this channel to a search: shows a preview to confirm")
        .addStringOption((o) => query(o, 'Words and filters, as in /wq search (e.g. xinjiang dept:"Home Office")').setRequired(true))
        .addStringOption((o) => o.setName("every").setDescription("As they come (default), or a digest").addChoices(...CadenceSchema.options.map((c) => ({ name: c, value: c }))))
        .addStringOption((o) => o.setName("at").setDescription("Digest time, London, HH:MM (e.g. 08:30)").setMinLength(4).setMaxLength(5))
        .addStringOption((o) => o.setName("notify").setDescription("A role or member to ping on each post (e.g. @health-team)").setMaxLength(200)),
    input: (o) => {
      const [every, at, notify] = [o.getString("every"), o.getString("at"), o.getString("notify")];
      // Spaces in a role name cannot reach the core's one-word notify: option; the core says what is wrong with what is left.
      const pings = notify ? `notify:${notify.trim().replace(/\s+/g, "-")}` : "";
      return ["subscribe", o.getString("query") ?? "", every ? `every:${every}` : "", at ? `at:${at}` : "", pings].filter(Boolean).join(" ");
    },
  },
  { parent: "wq-alerts", name: "list", runs: "subscriptions", define: (s) => s.setDescription("This channel's subscriptions (every channel's with Manage Server)"), input: () => "subscriptions" },
  { parent: "wq-alerts", name: "unsubscribe", define: (s) => s.setDescription("Stop a subscription").addStringOption(id), input: withId("unsubscribe") },
  { parent: "wq-alerts", name: "pause", define: (s) => s.setDescription("Pause a subscription").addStringOption(id), input: withId("pause") },
  { parent: "wq-alerts", name: "resume", define: (s) => s.setDescription("Resume a paused subscription").addStringOption(id), input: withId("resume") },
];

export function subcommand(parent: string, name: string): Subcommand | undefined {
  return SUBCOMMANDS.find((s) => s.parent === parent && s.name === name);
}

/** How each core command is typed in Discord, for help and hints; a command Discord does not offer is left out (null). */
export const discordSyntax: CommandSyntax = (name) => {
  const sub = SUBCOMMANDS.find((s) => (s.runs ?? s.name) === name);
  return sub ? `/${sub.parent} ${sub.name}` : null;
};

/** The JSON the register script PUTs: `/wq` for everyone, `/wq-alerts` for Manage Channels. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const top = (name: TopLevel, description: string) => {
    // Servers only for now: subscriptions and sharing are about channels.
    const command = new SlashCommandBuilder().setName(name).setDescription(description).setContexts(InteractionContextType.Guild);
    for (const s of SUBCOMMANDS.filter((s) => s.parent === name)) command.addSubcommand((sub) => s.define(sub.setName(s.name)));
    return command;
  };
  return [
    top("wq", "UK Parliament written questions and answers").toJSON(),
    top("wq-alerts", "Post new UK Parliament written answers to this channel").setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels).toJSON(),
  ];
}
