import { isLatenessDigest } from "../alerts/lateness-digest.ts";
import { mentionLabels } from "../alerts/notify.ts";
import type { Query } from "../search/query.ts";
import { z } from "zod";
import { infoReply, type Reply } from "../../model/reply.ts";
import { londonDay } from "../../model/days.ts";
import { londonLabel } from "../alerts/schedule.ts";
import type { CommandContext } from "../core.ts";
import { longDate } from "./cards.ts";
import { defineCommand, ok, typedIn, type CommandDeps } from "./command.ts";
import { parseOrExplain } from "./search.ts";
import { cadenceText, countRecent, placeOf, subscriptionsUnavailable } from "./subscriptions.ts";

/** "3 matches in the last 7 days": how often a subscription would have posted lately. */
async function recentMatches(deps: CommandDeps, query: Query | null, now: Date): Promise<string> {
  const week = query ? await countRecent(deps.index, query, now, 7) : 0;
  return `${week} match${week === 1 ? "" : "es"} in the last 7 days`;
}

async function listReply(deps: CommandDeps, ctx: CommandContext): Promise<Reply> {
  const { channel, alertStore } = placeOf(deps, ctx);
  const typed = typedIn(ctx);
  // Another channel's subscriptions (a private channel's included) are shown only to those who
  // may see the whole workspace; everyone else sees the channel they are in.
  const workspaceWide = (await ctx.permissions?.check("seeWorkspaceSubscriptions"))?.allowed === true;
  const where = workspaceWide ? "this workspace" : "this channel";
  const subs = await alertStore.listSubscriptions(
    workspaceWide ? { platform: channel.platform, workspaceId: channel.workspaceId } : { ...channel },
  );
  if (subs.length === 0) return infoReply("No subscriptions", `None in ${where} yet. Start one with ${typed("subscribe")} <query>, e.g. ${typed("subscribe")} xinjiang every:daily`);
  const now = deps.now();
  // This channel's first.
  const ordered = [...subs.filter((s) => s.channel.channelId === channel.channelId), ...subs.filter((s) => s.channel.channelId !== channel.channelId)];
  const lines: string[] = [];
  for (const s of ordered) {
    const parsed = parseOrExplain(s.query);
    // A lateness report matches no answers: what it posts says more than a count of none.
    const what = parsed.ok && isLatenessDigest(s, parsed.query)
      ? "posts the overdue report, not the questions"
      : await recentMatches(deps, parsed.ok ? parsed.query : null, now);
    const at = s.channel.channelId === channel.channelId ? "this channel" : `channel ${s.channel.channelId}`;
    const by = s.createdBy.name ?? s.createdBy.id;
    const last = s.lastPostAt ? `last post ${londonLabel(new Date(s.lastPostAt))}` : "nothing posted yet";
    const pings = s.notify?.length ? ` · notifies ${mentionLabels(s.notify)}` : "";
    const state = s.paused ? ` · PAUSED (${s.pausedReason ?? "paused"})` : "";
    lines.push(
      `${s.id}  ${s.query}\n    ${cadenceText(s)} · ${at} · by ${by}, ${longDate(londonDay(new Date(s.createdAt)))} · ${last} · ${what}${pings}${state}`,
    );
  }
  return infoReply(`${subs.length} subscription${subs.length === 1 ? "" : "s"} in ${where}`, lines.join("\n"));
}


export const subscriptions = defineCommand({
  name: "subscriptions",
  usage: "",
  summary: "this channel's subscriptions (every channel's, for those who may see the whole workspace).",
  args: z.object({}),
  parse: () => ok({}),
  unavailable: subscriptionsUnavailable,
  run: (_args, deps, ctx) => listReply(deps, ctx),
});
