import type { Mention } from "../../model/alerts.ts";
import type { CommandContext } from "../core.ts";

/** How many people or groups one subscription may ping. */
export const MAX_NOTIFY = 5;

/**
 * Finds who `notify:` names in the workspace the command came from (a Slack user group or user, a
 * Discord role or user). The adapter provides it: only the platform can say whether a name exists.
 * A refusal says in one line what was wrong, with an example.
 */
export type MentionResolver = (names: readonly string[]) => Promise<{ ok: true; mentions: Mention[] } | { ok: false; message: string }>;

export const NOTIFY_EXAMPLE = "e.g. dept:dhsc notify:@health-team";

/**
 * The subscribe text without its `notify:` words, and the names they give (`notify:@a,@b` or
 * several `notify:` words). Mentions a platform put in the text (`<!subteam^S1|@team>`,
 * `<@&123>`) are kept whole as names.
 */
export function takeNotify(text: string): { ok: true; rest: string; names: string[] } | { ok: false; message: string } {
  const names: string[] = [];
  const rest: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const m = /^notify:(.*)$/i.exec(word);
    if (!m) {
      rest.push(word);
      continue;
    }
    const given = m[1]!.split(",").map((n) => n.trim()).filter(Boolean);
    if (given.length === 0) return { ok: false, message: `notify: names who to ping, ${NOTIFY_EXAMPLE}` };
    names.push(...given);
  }
  const unique = [...new Set(names)];
  if (unique.length > MAX_NOTIFY) return { ok: false, message: `notify: names at most ${MAX_NOTIFY} people or groups, ${NOTIFY_EXAMPLE}` };
  if (unique.some((n) => n.length > 120)) return { ok: false, message: `That notify: name is too long, ${NOTIFY_EXAMPLE}` };
  return { ok: true, rest: rest.join(" "), names: unique };
}

/** "@health-team, @ada" for messages. */
export function mentionLabels(mentions: readonly Mention[]): string {
  return mentions.map((m) => m.label).join(", ");
}

/** The text's notify: names checked against the workspace (ctx.resolveMentions), and the text without them. */
export async function resolveNotify(
  text: string,
  ctx: Pick<CommandContext, "resolveMentions">,
): Promise<{ ok: true; rest: string; mentions: Mention[] } | { ok: false; message: string }> {
  const taken = takeNotify(text);
  if (!taken.ok) return taken;
  if (taken.names.length === 0) return { ok: true, rest: taken.rest, mentions: [] };
  if (!ctx.resolveMentions) return { ok: false, message: "notify: is not available here: wq cannot check who to ping in this place. Subscribe without it, e.g. dept:dhsc" };
  const found = await ctx.resolveMentions(taken.names);
  return found.ok ? { ok: true, rest: taken.rest, mentions: found.mentions } : found;
}
