import Database from "better-sqlite3";
import { z } from "zod";
import type { TextSource } from "./search-index.ts";
import { phraseText } from "./store-texts.ts";

/** The part of a stored record a phrase check reads. */
const TextsOfSchema = z.object({
  heading: z.string(),
  questionText: z.string(),
  answerText: z.string().nullable(),
  answeringBody: z.object({ name: z.string() }),
});

/**
 * Texts for phrase checks read straight from the SQLite file through a read-only connection of
 * the search worker's own, so a phrase search never waits on (or holds) the main thread. A record that does not parse is left out (its phrase is
 * then not found), never fatal.
 */
export function sqliteTexts(path: string): { texts: TextSource; close(): void } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const get = db.prepare<[string], { record: string }>("SELECT record FROM questions WHERE id = ?");
  const texts: TextSource = async (ids) => {
    const out = new Map<string, string>();
    for (const id of ids) {
      const row = get.get(id);
      if (!row) continue;
      let parsed;
      try {
        parsed = TextsOfSchema.safeParse(JSON.parse(row.record));
      } catch {
        continue;
      }
      if (!parsed.success) continue;
      out.set(id, phraseText(parsed.data));
    }
    return out;
  };
  return { texts, close: () => db.close() };
}
