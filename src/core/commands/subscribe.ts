import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Subscription } from "../../model/alerts.ts";
import { errorReply, infoReply, type Reply } from "../../model/reply.ts";
import { mentionLabels, resolveNotify } from "../alerts/notify.ts";
import { londonLabel, nextDigestAt } from "../alerts/schedule.ts";
import { isLatenessDigest, latenessPreview, latenessSubscriptionMistake } from "../alerts/lateness-digest.ts";
import type { CommandContext } from "../core.ts";
import { defineCommand, fail, ok, typedIn, type CommandDeps } from "./command.ts";
import { hitCards, parseOrExplain } from "./search.ts";
import { BUSY_PER_DAY, cadenceText, countRecent, lastDays, newId, parseSubscribeText, placeOf, subscriptionsUnavailable } from "./subscriptions.ts";

async function subscribeReply(deps: CommandDeps, text: string, confirm: boolean, ctx: CommandContext): Promise<Reply> {
  const { channel, alertStore } = placeOf(deps, ctx);
  const typed = typedIn(ctx);
  const notify = await resolveNotify(text, ctx);
  if (!notify.ok) return errorReply(notify.message);
  const options = parseSubscribeText(notify.rest);
  if (!options.ok) return errorReply(options.message);
  const parsed = parseOrExplain(options.query);
  if (!parsed.ok) return parsed.reply;
  const now = deps.now();
  // status:overdue: the lateness report, posted at digest instants, not answers (alerts/lateness-digest.ts).
  const lateness = latenessSubscriptionMistake(options, parsed.query, typed);
  if (lateness) return errorReply(lateness);
  if (!confirm && isLatenessDigest(options, parsed.query)) return latenessPreview(deps, options, subscribe.request({ text, confirm: true }));

  if (!confirm) {
    const week = await countRecent(deps.index, parsed.query, now, 7);
    const month = await countRecent(deps.index, parsed.query, now, 30);
    const examples = await deps.index.search(lastDays(parsed.query, now, 30), 0, 3);
    const cards = await hitCards(deps, parsed.query, examples.hits.map((h) => h.id));
    const perDay = Math.max(week / 7, month / 30);
    const lines = [
      `In the last 7 days ${week} answer${week === 1 ? "" : "s"} matched; in the last 30 days ${month}.`,
      `This channel would get them ${cadenceText(options)}.`,
    ];
    if (notify.mentions.length > 0) lines.push(`Each post will notify ${mentionLabels(notify.mentions)}.`);
    if (options.cadence !== "instant") lines.push(`First digest: ${londonLabel(nextDigestAt(options, now)!)} (London time).`);
    if (perDay > BUSY_PER_DAY)
      lines.push(
        `Warning: about ${Math.round(perDay)} a day. Consider a narrower query${options.cadence === "instant" ? " or a digest (every:daily)" : ""}.`,
      );
    if (month === 0) lines.push("Nothing matched in the last 30 days: check the query, or subscribe anyway to catch the first.");
    if (cards.length > 0) lines.push("Recent examples:");
    return {
      kind: "results",
      title: `Subscribe this channel to ${options.query}?`,
      text: lines.join("\n"),
      cards,
      actions: [{ kind: "confirm", label: "Subscribe", style: "primary", effect: "replace", request: subscribe.request({ text, confirm: true }) }],
      visibility: "private",
    };
  }

  const existing = await alertStore.listSubscriptions({ ...channel });
  const same = existing.find(
    (s) => s.query === options.query && s.cadence === options.cadence && s.at === options.at && mentionLabels(s.notify ?? []) === mentionLabels(notify.mentions),
  );
  if (same) return infoReply("Already subscribed", `This channel already follows ${same.query} (${cadenceText(same)}), subscription ${same.id}.`);
  let id = "";
  for (let i = 0; ; i++) {
    id = (deps.newSubscriptionId ?? newId)();
    if (i >= 5) id += randomBytes(1).toString("hex");
    if (!(await alertStore.getSubscription(id))) break;
  }
  const sub: Subscription = {
    id,
    channel,
    query: options.query,
    cadence: options.cadence,
    at: options.at,
    createdBy: { id: ctx.userId, name: ctx.userName ?? null },
    createdAt: now.toISOString(),
    paused: false,
    pausedReason: null,
    lastPostAt: null,
    ...(notify.mentions.length > 0 ? { notify: notify.mentions } : {}),
  };
  await alertStore.createSubscription(sub);
  return infoReply(
    `Subscribed: ${sub.query}`,
    `This channel will get ${isLatenessDigest(sub) ? `the lateness report for ${sub.query}` : `new answers matching ${sub.query}`} ${cadenceText(sub)}. Subscription ${sub.id}: ${typed("pause")} ${sub.id}, ${typed("unsubscribe")} ${sub.id}.`,
  );
}


export const subscribe = defineCommand({
  name: "subscribe",
  usage: "<query> [every:instant|daily|weekly] [at:HH:MM] [notify:@group]",
  summary:
    "post new answers matching the query in this channel, as they come or as a digest (working days, or Mondays, at 09:00 London time unless at: says otherwise); notify: pings a user group or person (a Discord role or member) on each post; shows a preview first.",
  examples: ['"forced labour" dept:fcdo every:daily at:08:30', "dept:dhsc notify:@health-team"],
  /** `confirm: false` previews what the query would have posted; `true` saves the subscription. */
  args: z.object({ text: z.string(), confirm: z.boolean() }),
  parse: (rest, typed) => (rest ? ok({ text: rest, confirm: false }) : fail(`Say what to follow, e.g. ${typed("subscribe")} xinjiang every:daily`)),
  requires: "manageSubscriptions",
  unavailable: subscriptionsUnavailable,
  run: (args, deps, ctx) => subscribeReply(deps, args.text, args.confirm, ctx),
});
