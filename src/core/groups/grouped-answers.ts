import { officialUrl, type Question } from "../../model/question.ts";
import type { Field } from "../../model/reply.ts";
import type { Store } from "../../store/store.ts";

/**
 * Questions answered together (the API's `groupedQuestions`): one answer given to several
 * questions, often from several members. `show` lists the group; `latest` (and alerts) make one
 * entry of it rather than several near-copies; alert posts name it on one line.
 */

/** One question of a group: its UIN and link always, the record when wq holds it. */
export interface GroupMember {
  uin: string;
  dateTabled: string;
  url: string;
  question: Question | null;
}

/** A group can name dozens of UINs; no card needs more than this many lines of them. */
export const GROUP_LISTED = 20;

/** An alert post names every member with its asker on one line; a real group is at most a few dozen. */
const POST_LOOKUPS = 50;

/** A question's (date tabled, UIN) key, as the API's group entries name them. */
const keyOf = (dateTabled: string, uin: string): string => `${dateTabled}/${uin.toUpperCase()}`;

/**
 * The question and those answered with it, the question first, then in the API's order; each
 * other one looked up in the store by date and UIN (a group entry with no date is taken to be
 * tabled the same day, as the list API gives most). At most `lookups` others are looked up; the
 * rest are named by UIN and link alone.
 */
export async function groupOf(store: Pick<Store, "findByUin">, q: Question, lookups = GROUP_LISTED): Promise<GroupMember[]> {
  const self: GroupMember = { uin: q.uin ?? "", dateTabled: q.dateTabled, url: q.url, question: q };
  const seen = new Set([keyOf(q.dateTabled, q.uin ?? "")]);
  const others: GroupMember[] = [];
  for (const g of q.groupedQuestions) {
    const dateTabled = g.dateTabled ?? q.dateTabled;
    const key = keyOf(dateTabled, g.uin);
    if (seen.has(key)) continue;
    seen.add(key);
    const question = others.length < lookups ? await store.findByUin(dateTabled, g.uin) : null;
    others.push({ uin: g.uin, dateTabled, url: question?.url ?? officialUrl(dateTabled, g.uin), question });
  }
  return others.length ? [self, ...others] : [self];
}

/**
 * The group an alert post about `q` names (watches, instant posts, digest items), or null when
 * `q` was answered alone.
 */
export async function postGroup(store: Pick<Store, "findByUin">, q: Question): Promise<GroupMember[] | null> {
  if (q.groupedQuestions.length === 0 || !q.uin) return null;
  const members = await groupOf(store, q, POST_LOOKUPS);
  return members.length > 1 ? members : null;
}

/** "Answered together (3 questions): HL1 (Lord A), HL2 (Baroness B), HL3 (asker not yet held)." */
export function groupLine(members: readonly GroupMember[]): string {
  return `Answered together (${members.length} questions): ${members.map((m) => `${m.uin} (${m.question?.askingMember?.name || "asker not yet held"})`).join(", ")}.`;
}

/** "UIN 66, Jim Shannon: https://…", one member a line, the rest counted past GROUP_LISTED. */
export function groupLines(members: readonly GroupMember[]): string {
  const lines = members.slice(0, GROUP_LISTED).map((m) => {
    const asker = m.question?.askingMember?.name;
    return `UIN ${m.uin}${asker ? `, ${asker}` : ""}: ${m.url}`;
  });
  if (members.length > GROUP_LISTED) lines.push(`and ${members.length - GROUP_LISTED} more`);
  return lines.join("\n");
}

/** "UIN 66 (Jim Shannon), UIN 67 (Ben Spencer)": every UIN of a group on one line, askers where known. */
export function groupSummary(members: readonly GroupMember[]): string {
  return members.map((m) => (m.question?.askingMember?.name ? `UIN ${m.uin} (${m.question.askingMember.name})` : `UIN ${m.uin}`)).join(", ");
}

/**
 * Questions of a list that were answered together, gathered into one entry each, in the order of
 * each group's first question. Two questions are together when either names the other in its
 * group (by date and UIN; by UIN alone and the same department when the date is not given).
 */
export function collapseGroups(questions: readonly Question[]): Question[][] {
  const parent = questions.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    // The earlier question leads, so an entry keeps its first member's place.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  const byUin = new Map<string, number[]>();
  questions.forEach((q, i) => {
    if (!q.uin) return;
    byKey.set(keyOf(q.dateTabled, q.uin), i);
    const list = byUin.get(q.uin.toUpperCase()) ?? [];
    list.push(i);
    byUin.set(q.uin.toUpperCase(), list);
  });
  questions.forEach((q, i) => {
    for (const g of q.groupedQuestions) {
      if (g.dateTabled) {
        const j = byKey.get(keyOf(g.dateTabled, g.uin));
        if (j !== undefined) union(i, j);
      } else
        for (const j of byUin.get(g.uin.toUpperCase()) ?? [])
          if (questions[j]!.answeringBody.id === q.answeringBody.id) union(i, j);
    }
  });
  const groups = new Map<number, Question[]>();
  questions.forEach((q, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(q);
    groups.set(root, list);
  });
  return [...groups.values()];
}

/**
 * What `show` says of a group under its title: each UIN with its asker and link. In the reply's
 * text rather than a card field: fields are short facts, cut at a few hundred characters, and a
 * group of twelve links is longer. Empty for a lone question.
 */
export function groupText(members: readonly GroupMember[]): string {
  if (members.length < 2) return "";
  return `Answered together (${members.length} questions):\n${groupLines(members)}`;
}

/**
 * The entries of a newest-first list of questions with each group made one: the lead (the first
 * of its group in the list) and, for a group, the line naming every UIN. At most `count` entries.
 */
export async function groupedEntries(
  store: Pick<Store, "findByUin">,
  questions: readonly Question[],
  count: number,
): Promise<{ lead: Question; field: Field | null }[]> {
  const entries: { lead: Question; field: Field | null }[] = [];
  for (const group of collapseGroups(questions).slice(0, count)) {
    const lead = group[0]!;
    const members = await groupOf(store, lead);
    // A member that names the lead when the lead does not name it still belongs.
    for (const q of group.slice(1))
      if (!members.some((m) => m.uin.toUpperCase() === q.uin?.toUpperCase() && m.dateTabled === q.dateTabled))
        members.push({ uin: q.uin ?? "", dateTabled: q.dateTabled, url: q.url, question: q });
    entries.push({ lead, field: members.length > 1 ? { label: `Answered together (${members.length} questions)`, value: groupSummary(members) } : null });
  }
  return entries;
}
