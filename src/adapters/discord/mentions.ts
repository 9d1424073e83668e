/**
 * Checks a subscription's `notify:` names against the Discord server when it is saved: a role as
 * Discord writes its mention (`<@&id>`) or by name (`notify:@health-team`), a member as a mention
 * (`<@id>`). Only what is found is kept, by id; `@everyone` and `@here` are never accepted.
 */
import { Routes, type REST } from "discord.js";
import { z } from "zod";
import type { Mention } from "../../model/alerts.ts";
import type { MentionResolver } from "../../core/index.ts";

const EXAMPLE = "e.g. notify:@health-team (a role) or a member picked from Discord's list";

/** What the resolver needs of a server: its roles, and whether a member exists. */
export interface GuildDirectory {
  id: string;
  roles(): Promise<Array<{ id: string; name: string }>>;
  member(userId: string): Promise<{ id: string; name: string } | null>;
}

const RolesSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));
const MemberSchema = z.looseObject({
  nick: z.string().nullish(),
  user: z.looseObject({ id: z.string(), username: z.string(), global_name: z.string().nullish() }),
});
const UNKNOWN_MEMBER = 10007;
const UNKNOWN_USER = 10013;

/** A server's roles and members over the bot's REST client (`client.rest`). */
export function restGuildDirectory(rest: Pick<REST, "get">, guildId: string): GuildDirectory {
  return {
    id: guildId,
    roles: async () => RolesSchema.parse(await rest.get(Routes.guildRoles(guildId))).map((r) => ({ id: r.id, name: r.name })),
    member: async (userId) => {
      try {
        const m = MemberSchema.parse(await rest.get(Routes.guildMember(guildId, userId)));
        return { id: m.user.id, name: m.nick ?? m.user.global_name ?? m.user.username };
      } catch (e) {
        const code = z.object({ code: z.number() }).safeParse(e).data?.code;
        if (code === UNKNOWN_MEMBER || code === UNKNOWN_USER) return null;
        throw e;
      }
    },
  };
}

export function discordMentionResolver(guild: GuildDirectory): MentionResolver {
  return async (names) => {
    let roles: Array<{ id: string; name: string }> | null = null;
    const mentions: Mention[] = [];
    for (const name of names) {
      try {
        const roleId = /^<@&(\d{15,22})>$/.exec(name)?.[1];
        const userId = /^<@!?(\d{15,22})>$/.exec(name)?.[1];
        if (/^@?(everyone|here)$/i.test(name) || roleId === guild.id) {
          return { ok: false, message: `notify: cannot ping everyone, only a role or a member, ${EXAMPLE}` };
        }
        if (userId) {
          const member = await guild.member(userId);
          if (!member) return { ok: false, message: `${name} is not a member of this server, ${EXAMPLE}` };
          mentions.push({ kind: "user", id: member.id, label: `@${member.name}`.slice(0, 100) });
          continue;
        }
        roles ??= (await guild.roles()).filter((r) => r.id !== guild.id);
        const wanted = name.replace(/^@/, "").toLowerCase();
        // notify: is one word: a role named "health team" is typed notify:@health-team.
        const role = roleId ? roles.find((r) => r.id === roleId) : roles.find((r) => r.name.toLowerCase().replace(/\s+/g, "-") === wanted);
        if (!role) return { ok: false, message: `No role ${roleId ? name : `@${wanted}`} in this server, ${EXAMPLE}` };
        mentions.push({ kind: "group", id: role.id, label: `@${role.name}`.slice(0, 100) });
      } catch (e) {
        return { ok: false, message: `wq could not check notify:${name} with Discord (${e instanceof Error ? e.message : String(e)}); try again in a minute` };
      }
    }
    return { ok: true, mentions };
  };
}
