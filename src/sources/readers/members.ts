import { z } from "zod";
import type { Member } from "../../model/question.ts";

/** One entry of a members file (../shared/corpus/members.json shape). */
export const MemberFileEntrySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  party: z.string().nullable(),
  house: z.string().nullable().optional(),
  memberFrom: z.string().nullable().optional(),
});
export const MembersFileSchema = z.array(MemberFileEntrySchema);

export type MemberDirectory = ReadonlyMap<number, Member>;

/** One members-file entry as wq's member. */
export function memberOfEntry(m: z.infer<typeof MemberFileEntrySchema>): Member {
  return { id: m.id, name: m.name, party: m.party, memberFrom: m.memberFrom ?? null };
}

export function memberDirectory(entries: z.infer<typeof MembersFileSchema>): MemberDirectory {
  return new Map(entries.map((m) => [m.id, memberOfEntry(m)]));
}
