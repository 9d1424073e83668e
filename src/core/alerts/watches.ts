import type { AlertStore, OutboxItem, Watch, WatchTarget } from "../../model/alerts.ts";
import type { Question } from "../../model/question.ts";
import type { Store } from "../../store/store.ts";
import { subjectKey, watchEventOf, watchKey, type WatchEvent } from "./events.ts";
import { postGroup } from "../groups/grouped-answers.ts";
import { watchReply } from "./messages.ts";
import { untried } from "./new-item.ts";
import type { PlanHooks } from "./plan.ts";
import { londonDay } from "../../model/days.ts";
import { watchEndsOn } from "./watch-end.ts";

/** The outbox's idea of a watch's target: a channel (and thread message), or a person written to directly. */
export function targetFields(t: WatchTarget): Pick<OutboxItem, "channel" | "threadMessageId" | "direct"> {
  if (t.kind === "thread") return { channel: t.channel, threadMessageId: t.messageId };
  return { channel: { platform: t.platform, workspaceId: t.workspaceId, channelId: t.userId }, direct: true };
}

/**
 * What the watches of these changed questions are owed: each new version (holding answer,
 * answer, correction, withdrawal) once per place a watch posts to, keyed so that a replayed
 * batch, two watches from one message, or two questions answered together post once. A
 * withdrawal ends the question's watches once its post is in the outbox. Returns how many posts
 * were added.
 */
export async function planWatches(
  deps: { alertStore: AlertStore; store: Pick<Store, "findByUin">; now: () => Date; hooks?: PlanHooks },
  questions: readonly Question[],
): Promise<number> {
  if (questions.length === 0) return 0;
  const byId = new Map(questions.map((q) => [q.id, q] as const));
  const watches = await deps.alertStore.activeWatches([...byId.keys()]);
  if (watches.length === 0) return 0;
  const now = deps.now().toISOString();
  // Cards date lateness by the planner's clock, not the machine's.
  const today = londonDay(deps.now());
  const posts = new Map<string, { question: Question; event: WatchEvent; target: WatchTarget; watches: Watch[] }>();
  const withdrawn: Watch[] = [];
  for (const w of watches) {
    const question = byId.get(w.questionId);
    const event = question ? watchEventOf(question) : null;
    // Nothing yet, or the version it already had when the watch began.
    if (!question || !event || event.tag === w.startTag) continue;
    if (event.kind === "withdrawn") withdrawn.push(w);
    const key = watchKey(w.target, subjectKey(question), event.tag);
    const known = posts.get(key);
    if (known) known.watches.push(w);
    else posts.set(key, { question, event, target: w.target, watches: [w] });
  }
  const items: OutboxItem[] = [];
  for (const [key, { question, event, target, watches: ws }] of posts) {
    const group = await postGroup(deps.store, question);
    items.push({
      key,
      ...targetFields(target),
      kind: "watch",
      reply: watchReply(question, event, ws, today, { group }),
      parentKey: null,
      watchIds: ws.map((w) => w.id),
      subscriptionIds: [],
      questionId: question.id,
      ...untried(now),
    });
  }
  await deps.hooks?.beforeEnqueue?.(items);
  const added = await deps.alertStore.enqueue(items);
  await deps.hooks?.afterEnqueue?.(items);
  for (const w of withdrawn) await deps.alertStore.endWatch(w.id, now, "the question was withdrawn");
  return added;
}

/** Ends the watches whose question was answered, with no correction since, 30 or more days ago (London days). */
export async function expireWatches(deps: { alertStore: AlertStore; store: Pick<Store, "getQuestions">; now: () => Date }): Promise<number> {
  const watches = await deps.alertStore.activeWatches();
  const today = londonDay(deps.now());
  let ended = 0;
  for (let i = 0; i < watches.length; i += 500) {
    // The store calls of a slice run without a break (SQLite is synchronous): let the event loop
    // that answers Slack and Discord in between slices.
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = watches.slice(i, i + 500);
    const questions = new Map((await deps.store.getQuestions([...new Set(slice.map((w) => w.questionId))])).map((q) => [q.id, q] as const));
    for (const w of slice) {
      const q = questions.get(w.questionId);
      const endsOn = q ? watchEndsOn(q) : null;
      if (endsOn === null || today < endsOn) continue;
      if (await deps.alertStore.endWatch(w.id, deps.now().toISOString(), `answered; no correction by ${endsOn}`)) ended++;
    }
  }
  return ended;
}
