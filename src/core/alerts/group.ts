import type { Question } from "../../model/question.ts";
import type { Store } from "../../store/store.ts";

/** One question of a group answered together, as a post names it. */
export interface GroupMember {
  uin: string;
  dateTabled: string;
  /** The asker's name, when the member is in the store. */
  asker: string | null;
}

/** A group has at most a few dozen members; more than this in a record is not a group to name in full. */
const MAX_MEMBERS = 50;

/**
 * Every question answered together with `q` (itself first), each with its asker where the store
 * holds it; null when `q` was answered alone. A member the store does not hold yet is named by
 * its UIN alone.
 */
export async function groupOf(store: Pick<Store, "findByUin">, q: Question): Promise<GroupMember[] | null> {
  if (q.groupedQuestions.length === 0 || !q.uin) return null;
  const members: GroupMember[] = [{ uin: q.uin, dateTabled: q.dateTabled, asker: q.askingMember?.name || null }];
  const seen = new Set([`${q.dateTabled}/${q.uin}`]);
  for (const g of q.groupedQuestions.slice(0, MAX_MEMBERS)) {
    const dateTabled = g.dateTabled ?? q.dateTabled;
    if (seen.has(`${dateTabled}/${g.uin}`)) continue;
    seen.add(`${dateTabled}/${g.uin}`);
    const other = await store.findByUin(dateTabled, g.uin);
    members.push({ uin: g.uin, dateTabled, asker: other?.askingMember?.name || null });
  }
  return members;
}

/** "Answered together (3 questions): HL1 (Lord A), HL2 (Baroness B), HL3 (asker not yet held)." */
export function groupLine(members: readonly GroupMember[]): string {
  return `Answered together (${members.length} questions): ${members.map((m) => `${m.uin} (${m.asker ?? "asker not yet held"})`).join(", ")}.`;
}
