import { DateTime } from "luxon";
import type { AlertStore, OutboxItem, Subscription } from "../../model/alerts.ts";
import type { Reply } from "../../model/reply.ts";
import type { CommandRequest } from "../../model/request.ts";
import { longDate } from "../commands/cards.ts";
import { overdueReply } from "../lateness/report-reply.ts";
import { LONDON, londonDay } from "../../model/days.ts";
import type { SearchEngine } from "../search/engine.ts";
import { parseQuery, QueryError, type Query } from "../search/query.ts";
import { digestKey } from "./events.ts";
import { nextDigestAt } from "./schedule.ts";
import { untried } from "./new-item.ts";

/**
 * The lateness digest: `/wq subscribe status:overdue every:weekly` (optionally with dept:
 * filters) posts the overdue report at each digest instant, one message, not a flood of the
 * questions. Such a subscription matches no answers: it has nothing to buffer.
 */

/**
 * The departments a subscription's lateness digest reports on (null: all), or undefined when it
 * is not a lateness digest: a daily or weekly subscription whose query is `status:overdue` and
 * nothing but department filters.
 */
export function latenessDigestOf(sub: Pick<Subscription, "cadence" | "query">, parsed?: Query | null): number[] | null | undefined {
  if (sub.cadence === "instant") return undefined;
  let query = parsed;
  if (query === undefined) {
    try {
      query = parseQuery(sub.query);
    } catch (e) {
      if (e instanceof QueryError) return undefined;
      throw e;
    }
  }
  if (!query) return undefined;
  const f = query.filters;
  const onlyDepartments =
    f.overdue && query.clauses.length === 0 && query.exclude.length === 0 && f.statuses.length === 0 && f.askers.length === 0 &&
    f.answerers.length === 0 && f.houses.length === 0 && f.uins.length === 0 && !f.tabled && !f.answered && !f.due && f.named === null;
  if (!onlyDepartments) return undefined;
  return f.departments.length ? [...new Set(f.departments.flatMap((d) => d.ids))] : null;
}

export function isLatenessDigest(sub: Pick<Subscription, "cadence" | "query">, parsed?: Query | null): boolean {
  return latenessDigestOf(sub, parsed) !== undefined;
}

/**
 * The digest instant now owed: the first after `since` when it has passed, or (a fresh start,
 * `since` null) the latest that has passed, so a restart owes at most one report and the
 * outbox key makes sure it goes once. Never one from before the subscription was made.
 */
function owedInstant(sub: Subscription, since: Date | null, now: Date): Date | null {
  let at: Date | null;
  if (since) at = nextDigestAt(sub, since);
  else {
    // Weekly instants are 7 days apart: the latest passed one is after a point 8 days back.
    let probe = nextDigestAt(sub, DateTime.fromJSDate(now, { zone: LONDON }).minus({ days: 8 }).toJSDate());
    at = null;
    while (probe && probe.getTime() <= now.getTime()) {
      at = probe;
      probe = nextDigestAt(sub, probe);
    }
  }
  if (!at || at.getTime() > now.getTime() || at.getTime() < Date.parse(sub.createdAt)) return null;
  return at;
}

/**
 * Puts the overdue report in the outbox for each lateness digest whose instant has come (the
 * others in `subs` are passed over). Keyed like every digest (subscription and instant), so a
 * repeat after a crash is a no-op. Returns how many were made.
 */
export async function scheduleLatenessDigests(
  deps: { alertStore: AlertStore; index?: Pick<SearchEngine, "overdue">; now: () => Date; since: Date | null },
  subs: readonly Subscription[],
): Promise<number> {
  const { index } = deps;
  if (!index) return 0;
  const now = deps.now();
  let made = 0;
  for (const sub of subs) {
    const departments = latenessDigestOf(sub);
    if (departments === undefined) continue;
    const at = owedInstant(sub, deps.since, now);
    if (!at) continue;
    const key = digestKey(sub.id, at.toISOString());
    if (await deps.alertStore.getItem(key)) continue;
    const asOf = londonDay(now);
    const report = await index.overdue(asOf, departments);
    const reply = overdueReply(report, longDate(asOf), "public");
    const item: OutboxItem = {
      key,
      channel: sub.channel,
      kind: "digest",
      reply: { ...reply, title: `${sub.cadence === "weekly" ? "Weekly" : "Daily"} lateness report: ${reply.title}`, text: `${reply.text}\nSubscription ${sub.id}: ${sub.query}` },
      parentKey: null,
      // Its notify: people are pinged on the report, as on any digest.
      ...(sub.notify?.length ? { mentions: sub.notify } : {}),
      subscriptionIds: [sub.id],
      questionId: null,
      ...untried(now.toISOString()),
    };
    made += await deps.alertStore.enqueue([item]);
  }
  return made;
}

/**
 * Why a subscription with `status:overdue` cannot be what was meant, or null when it is fine:
 * overdue questions are ones still owed an answer, so they are never posted as they come, and
 * the report is by department only.
 */
export function latenessSubscriptionMistake(sub: Pick<Subscription, "cadence" | "query">, parsed: Query, typed: (name: string) => string): string | null {
  if (!parsed.filters.overdue) return null;
  const example = `${typed("subscribe")} status:overdue dept:dhsc every:weekly`;
  if (sub.cadence === "instant")
    return `status:overdue questions are still waiting for an answer, so none is posted as it comes: subscribe to the lateness report with every:weekly or every:daily, e.g. ${example}`;
  if (!isLatenessDigest(sub, parsed)) return `The lateness report takes only dept: filters beside status:overdue, e.g. ${example}`;
  return null;
}

/**
 * The subscribe preview of a lateness digest: what it posts, when, and today's figures, with the
 * button that saves it (`confirm`, made by the subscribe command).
 */
export async function latenessPreview(
  deps: { index: Pick<SearchEngine, "overdue">; now: () => Date },
  sub: Pick<Subscription, "cadence" | "query" | "at">,
  confirm: CommandRequest,
): Promise<Reply> {
  const now = deps.now();
  const asOf = londonDay(now);
  const report = await deps.index.overdue(asOf, latenessDigestOf(sub) ?? null);
  const today = overdueReply(report, longDate(asOf));
  const when = sub.cadence === "weekly" ? `every Monday at ${sub.at}` : `every working day at ${sub.at}`;
  const first = nextDigestAt(sub, now);
  return {
    kind: "results",
    title: `Post the lateness report for ${sub.query} in this channel?`,
    cards: [],
    actions: [{ kind: "confirm", label: "Subscribe", style: "primary", effect: "replace", request: confirm }],
    visibility: "private",
    text: [
      `This channel would get the overdue report ${when} (London time), one message, not the questions${first ? `; the first on ${DateTime.fromJSDate(first, { zone: LONDON }).toFormat("ccc d LLL")}` : ""}.`,
      "",
      `Today: ${today.title}`,
      today.text,
    ].join("\n"),
  };
}
