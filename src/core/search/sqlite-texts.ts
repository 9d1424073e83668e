import Database from "better-sqlite3";
import { z } from "zod";
import type { TextSource } from "./search-index.ts";
import { phraseText } from "./store-texts.ts";

/** The part of a stored record a phrase check reads, as SQLite hands it out. */
const TextsRowSchema = z.object({
  id: z.string(),
  heading: z.string(),
  questionText: z.string(),
  answerText: z.string().nullable(),
  bodyName: z.string(),
});

/**
 * The four fields a phrase is checked against, for many ids in one statement. SQLite picks them
 * out of the stored JSON itself: seven times faster than parsing each record whole in
 * JavaScript (20 µs a text against 140), which is most of what a common phrase costs. A record
 * that is not valid JSON, or lacks a field, is left out (its phrase is then not found), never fatal.
 */
export function textsOf(db: Database.Database): TextSource {
  const select = db.prepare<[string], unknown>(
    `SELECT id,
            json_extract(record, '$.heading') AS heading,
            json_extract(record, '$.questionText') AS questionText,
            json_extract(record, '$.answerText') AS answerText,
            json_extract(record, '$.answeringBody.name') AS bodyName
       FROM questions
      WHERE id IN (SELECT value FROM json_each(?)) AND json_valid(record)`,
  );
  return async (ids) => {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    for (const row of select.all(JSON.stringify(ids))) {
      const parsed = TextsRowSchema.safeParse(row);
      if (!parsed.success) continue;
      const r = parsed.data;
      out.set(r.id, phraseText({ heading: r.heading, questionText: r.questionText, answerText: r.answerText, answeringBody: { name: r.bodyName } }));
    }
    return out;
  };
}

/**
 * Texts for phrase checks read straight from the SQLite file through a read-only connection of
 * the search worker's own, so a phrase search never waits on (or holds) the main thread.
 */
export function sqliteTexts(path: string): { texts: TextSource; close(): void } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  return { texts: textsOf(db), close: () => db.close() };
}
