import { z } from "zod";
import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import { errorReply, type Action, type Reply } from "../../model/reply.ts";
import { groupOf, groupText } from "../groups/grouped-answers.ts";
import { todayOf } from "../lateness/today.ts";
import { questionCard } from "./cards.ts";
import { defineCommand, fail, ok, typedIn, type Typed } from "./command.ts";
import { parseRef } from "./refs.ts";
import { watchAction } from "./watch.ts";

export async function resolveRef(store: Store, ref: string): Promise<Question | null> {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  return parsed.kind === "id" ? store.getQuestion(parsed.id) : store.findByUin(parsed.dateTabled, parsed.uin);
}

/** "Show full answer": the whole text, in a new message only the clicker sees. */
export function fullAction(id: string): Action {
  return { kind: "full", label: "Show full answer", style: "default", effect: "private", request: show.request({ ref: id, full: true }) };
}

/** "Share to channel": the card posted for everyone, without a Share of its own. */
export function shareAction(id: string): Action {
  return { kind: "share", label: "Share to channel", style: "primary", effect: "public", request: show.request({ ref: id, full: false, shared: true }) };
}

/**
 * One question. `full` gives the whole answer (and so no "Show full answer"); `shared` is the card
 * as posted in a channel: public, and offering no Share again.
 */
export async function showReply(store: Store, ref: string, options: { full: boolean; shared?: boolean; today?: string }, typed: Typed = (n) => `/wq ${n}`): Promise<Reply> {
  if (!parseRef(ref))
    return errorReply(`"${ref}" is not a question reference. Use an id (1721288), date/UIN (2024-07-17/67) or an official link.`);
  const q = await resolveRef(store, ref);
  if (!q) return errorReply(`No question ${ref} is held. Search for it with ${typed("search")}, or run a sync.`);
  const card = questionCard(q, { full: options.full }, options.today);
  const actions = [...(card.bodyIsExcerpt ? [fullAction(q.id)] : []), ...(options.shared ? [] : [shareAction(q.id)]), watchAction(q.id)];
  return {
    kind: "question",
    title: card.title,
    // A grouped answer: every question of the group, with its asker and link.
    text: q.groupedQuestions.length ? groupText(await groupOf(store, q)) : "",
    cards: [{ ...card, actions }],
    actions: [],
    visibility: options.shared ? "public" : "private",
  };
}

export const show = defineCommand({
  name: "show",
  usage: "<id | yyyy-mm-dd/uin | official link>",
  summary: "one question with its answer.",
  examples: ["2024-07-17/67"],
  args: z.object({ ref: z.string(), full: z.boolean(), shared: z.boolean().default(false) }),
  parse: (rest, typed) =>
    rest ? ok({ ref: rest, full: false, shared: false }) : fail(`Say which question, e.g. ${typed("show")} 2024-07-17/67 or ${typed("show")} <official link>`),
  run: (args, deps, ctx) => showReply(deps.store, args.ref, { ...args, today: todayOf(deps) }, typedIn(ctx)),
});
