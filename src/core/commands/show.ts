import type { Store } from "../../store/store.ts";
import type { Question } from "../../model/question.ts";
import { errorReply, type Reply } from "../../model/reply.ts";
import { groupOf, groupText } from "../groups/grouped-answers.ts";
import { questionCard } from "./cards.ts";
import { parseRef } from "./refs.ts";

export async function resolveRef(store: Store, ref: string): Promise<Question | null> {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  return parsed.kind === "id" ? store.getQuestion(parsed.id) : store.findByUin(parsed.dateTabled, parsed.uin);
}

export async function showCommand(store: Store, ref: string, full: boolean): Promise<Reply> {
  if (!parseRef(ref))
    return errorReply(`"${ref}" is not a question reference. Use an id (1721288), date/UIN (2024-07-17/67) or an official link.`);
  const q = await resolveRef(store, ref);
  if (!q) return errorReply(`No question ${ref} is held. Search for it with /wq search, or run a sync.`);
  const card = questionCard(q, { full });
  return {
    kind: "question",
    title: card.title,
    text: q.groupedQuestions.length ? groupText(await groupOf(store, q)) : "",
    cards: [card],
    actions: [
      ...(card.bodyIsExcerpt ? [{ kind: "full" as const, label: "Show full answer", request: { name: "show" as const, ref: q.id, full: true }, cardId: q.id }] : []),
      { kind: "share", label: "Share to channel", request: { name: "show", ref: q.id, full: false }, cardId: q.id },
    ],
    visibility: "private",
  };
}
