/**
 * Checks a subscription's `notify:` names against the Slack workspace when it is saved: a user
 * group by its handle (`notify:@health-team`, usergroups.list) or as Slack writes a mention
 * (`<!subteam^S…|@health-team>`), a person as a mention (`<@U…>`, users.info) or by username or
 * display name (`notify:@ada`, users.list, a bounded number of pages). Only what is found is kept,
 * by id; `@channel`, `@here` and `@everyone` are never accepted.
 */
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Mention } from "../../model/alerts.ts";
import type { MentionResolver } from "../../core/index.ts";

const EXAMPLE = "e.g. notify:@health-team (a user group's handle) or notify:@ada (a person's username)";

const GroupsSchema = z.object({
  usergroups: z.array(z.looseObject({ id: z.string(), handle: z.string(), name: z.string().optional(), date_delete: z.number().optional() })).default([]),
});
const UserSchema = z.object({ user: z.looseObject({ id: z.string(), name: z.string().optional(), deleted: z.boolean().optional() }) });
const MembersSchema = z.object({
  members: z
    .array(
      z.looseObject({
        id: z.string(),
        name: z.string().optional(),
        deleted: z.boolean().optional(),
        is_bot: z.boolean().optional(),
        profile: z.looseObject({ display_name: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * How many pages of users.list a name is looked for in (200 a page). The slash command sends
 * `@ada` as typed (the manifest's should_escape is false), so a person named that way is found by
 * reading the member list, bounded so one subscribe cannot page through a huge workspace.
 */
export const MEMBER_PAGES = 5;
const ErrorSchema = z.object({ data: z.object({ error: z.string() }) });

type Client = { usergroups: Pick<webApi.WebClient["usergroups"], "list">; users: Pick<webApi.WebClient["users"], "info" | "list"> };

function slackError(e: unknown): string {
  return ErrorSchema.safeParse(e).data?.data.error ?? (e instanceof Error ? e.message : String(e));
}

export function slackMentionResolver(client: Client): MentionResolver {
  return async (names) => {
    let groups: z.infer<typeof GroupsSchema>["usergroups"] | null = null;
    const loadGroups = async (): Promise<typeof groups> => {
      groups ??= GroupsSchema.parse(await client.usergroups.list({ include_disabled: false })).usergroups.filter((g) => !g.date_delete);
      return groups;
    };
    const mentions: Mention[] = [];
    for (const name of names) {
      try {
        if (/^<!(channel|here|everyone)(\|[^>]*)?>$|^@?(channel|here|everyone)$/i.test(name)) {
          return { ok: false, message: `notify: cannot ping the whole channel or workspace, only a user group or a person, ${EXAMPLE}` };
        }
        const subteam = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(name);
        const user = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(name) ?? /^([UW][A-Z0-9]{8,})$/.exec(name);
        if (user) {
          const found = UserSchema.parse(await client.users.info({ user: user[1]! })).user;
          if (found.deleted) return { ok: false, message: `${name} is no longer in this workspace, ${EXAMPLE}` };
          mentions.push({ kind: "user", id: found.id, label: `@${found.name ?? found.id}`.slice(0, 100) });
          continue;
        }
        const all = await loadGroups();
        const handle = name.replace(/^@/, "").toLowerCase();
        const group = subteam ? all?.find((g) => g.id === subteam[1]) : all?.find((g) => g.handle.toLowerCase() === handle);
        if (!group && !subteam) {
          const person = await findMember(client, handle);
          if (person) {
            mentions.push({ kind: "user", id: person.id, label: `@${person.name ?? handle}`.slice(0, 100) });
            continue;
          }
        }
        if (!group) return { ok: false, message: `No user group or person ${subteam ? name : `@${handle}`} in this workspace, ${EXAMPLE}` };
        mentions.push({ kind: "group", id: group.id, label: `@${group.handle}`.slice(0, 100) });
      } catch (e) {
        const code = slackError(e);
        if (code === "user_not_found") return { ok: false, message: `No such person in this workspace: ${name}, ${EXAMPLE}` };
        if (code === "missing_scope") return { ok: false, message: "wq cannot read this workspace's user groups (it needs the usergroups:read scope): ask an admin to reinstall wq" };
        return { ok: false, message: `wq could not check notify:${name} with Slack (${code}); try again in a minute` };
      }
    }
    return { ok: true, mentions };
  };
}

/** A person by their username or display name, among the first MEMBER_PAGES pages of members. */
async function findMember(client: Client, handle: string): Promise<{ id: string; name?: string | undefined } | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MEMBER_PAGES; page++) {
    const answer = MembersSchema.parse(await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) }));
    const found = answer.members.find(
      (m) => !m.deleted && !m.is_bot && (m.name?.toLowerCase() === handle || m.profile?.display_name?.toLowerCase() === handle),
    );
    if (found) return found;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

/** The resolver over a Bolt listener's client, when it can list user groups (a test's stub may not). */
export function mentionResolverOf(client: unknown): MentionResolver | undefined {
  const c = client as Partial<Client> | null;
  return typeof c?.usergroups?.list === "function" && typeof c.users?.info === "function" && typeof c.users.list === "function" ? slackMentionResolver(c as Client) : undefined;
}
