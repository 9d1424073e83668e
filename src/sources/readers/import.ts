import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { z } from "zod";
import type { Question } from "../../model/question.ts";
import type { Store } from "../../store/store.ts";
import {
  ApiItemSchema,
  ApiListSchema,
  ApiQuestionSchema,
  DetailLineSchema,
  apiValueToQuestion,
  applyDetailTexts,
  fillMemberNames,
} from "./api-json.ts";
import { DEFAULT_MAX_FILE_BYTES, MAX_WHOLE_FILE_BYTES, openDecoded, peekFirstChar, readAllText } from "./file-source.ts";
import { jsonArrayElements } from "./json-array.ts";
import { MemberFileEntrySchema, memberOfEntry } from "./members.ts";
import { parseSeedPage } from "./seed-page.ts";
import { noteImportNewestAnswer } from "../../store/sync-state.ts";
import { upsertIsolated } from "../upsert-isolated.ts";
import type { Member } from "../../model/question.ts";

export interface ImportSummary {
  files: number;
  questionsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  detailsMerged: number;
  /** Detail lines for questions neither in this import nor in the store. */
  detailsUnmatched: number;
  skipped: number;
  /** One line per skipped file or record, naming it and saying why (at most 20 records a file). */
  messages: string[];
  /** Ids created or replaced, for the search index. */
  changedIds: string[];
  /** The newest answer date among the API records read (where the bot's first sync starts). */
  newestAnswer: string | null;
}

export interface ImportProgress {
  /** Bytes read from disk over all files (compressed sizes), and their total. */
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  files: number;
  questionsRead: number;
  /** The file being read. */
  file: string;
}

export interface ImportOptions {
  /** Per file, after decompression; larger files are skipped with a message. */
  maxFileBytes?: number;
  /** Records written to the store in one transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

type FileKind = "seed" | "json" | "jsonl";

function kindOf(path: string): FileKind | null {
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".txt")) return "seed";
  if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) return "jsonl";
  if (p.endsWith(".json")) return "json";
  return null;
}

interface FileEntry {
  path: string;
  kind: FileKind;
  size: number;
}

/** Files to read below `paths`; a file named outright that wq cannot read gets a message. */
async function listFiles(paths: readonly string[], messages: string[], named = true): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      messages.push(`${path}: no such file or folder`);
      continue;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      out.push(...(await listFiles(entries.filter((e) => !e.startsWith(".")).map((e) => join(path, e)), messages, false)));
      continue;
    }
    const kind = kindOf(path);
    if (kind) out.push({ path, kind, size: info.size });
    else if (named) messages.push(`${path}: not a .txt, .json, .jsonl or .gz file; skipped`);
  }
  return out;
}

const reason = (e: unknown): string =>
  e instanceof z.ZodError
    ? e.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).slice(0, 3).join("; ")
    : e instanceof Error
      ? e.message
      : String(e);

/** What a JSON array holds, told by its first element. */
type ArrayKind = "questions" | "members" | "bodies" | "unknown";

function arrayKind(first: unknown): ArrayKind {
  if (ApiItemSchema.safeParse(first).success) return "questions";
  if (MemberFileEntrySchema.safeParse(first).success && typeof first === "object" && first && "party" in first) return "members";
  if (z.object({ id: z.number(), name: z.string() }).strict().safeParse(first).success) return "bodies";
  return "unknown";
}

/** The elements of a top-level JSON array, one at a time, never the whole file in memory. */
async function* arrayItems(stream: Readable): AsyncGenerator<unknown> {
  try {
    yield* jsonArrayElements(stream);
  } finally {
    stream.destroy();
  }
}

const ID_ONLY = z.object({ id: z.number() });
const MESSAGES_PER_FILE = 20;

/**
 * Imports seed pages, API JSON (list responses, arrays of items, single items, detail lines,
 * plain or gzip) and members files into the store, streaming: arrays are read item by item and
 * written in batches, so memory stays bounded whatever the size of the files. Every record is its
 * own unit: one that cannot be read or converted is skipped and named (file, record, id, reason),
 * and a file that breaks off (bad JSON, past the size cap) keeps the records read before it.
 *
 * Order: members files first (they name members in the records), then questions, then detail
 * lines, whose full texts are laid over the stored records of the same id.
 */
export async function importPaths(paths: readonly string[], store: Store, options: ImportOptions = {}): Promise<ImportSummary> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const messages: string[] = [];
  const files = await listFiles(paths, messages);
  const summary: ImportSummary = {
    files: files.length, questionsRead: 0, inserted: 0, updated: 0, unchanged: 0,
    detailsMerged: 0, detailsUnmatched: 0, skipped: messages.length, messages, changedIds: [], newestAnswer: null,
  };
  const progress: ImportProgress = {
    bytesDone: 0, bytesTotal: files.reduce((n, f) => n + f.size, 0), filesDone: 0, files: files.length, questionsRead: 0, file: "",
  };
  let current: (() => number) | null = null;
  const report = (): void => {
    if (!options.onProgress) return;
    options.onProgress({ ...progress, bytesDone: progress.bytesDone + (current?.() ?? 0), questionsRead: summary.questionsRead });
  };

  // Per file, so that one file of a million bad records does not flood the report.
  let fileMessages = 0;
  let fileRead = 0;
  const skipRecord = (message: string): void => {
    summary.skipped++;
    if (fileMessages++ < MESSAGES_PER_FILE) messages.push(message);
  };
  const skipFile = (message: string): void => {
    summary.skipped++;
    messages.push(message);
  };

  const members = new Map<number, Member>();
  const named = (q: Question): Question => (members.size ? fillMemberNames(q, members) : q);

  // Ids this import already counted (new or updated): a detail laid over one later is not counted again.
  const countedHere = new Set<string>();
  const changed = new Set<string>();
  const batch: Question[] = [];
  const flush = async (countsAsUpdate = true): Promise<void> => {
    if (!batch.length) return;
    const questions = batch.splice(0);
    const r = await upsertIsolated(store, questions, (q, why) => skipRecord(`${progress.file}: id ${q.id} not stored: ${why}`));
    const changedNow = new Set(r.changedIds);
    for (const id of r.changedIds) if (!changed.has(id)) {
      changed.add(id);
      summary.changedIds.push(id);
    }
    if (countsAsUpdate) {
      summary.inserted += r.inserted;
      summary.updated += r.updated;
      summary.unchanged += r.unchanged;
      for (const id of changedNow) countedHere.add(id);
    } else {
      // Detail texts: a record first stored by this import stays "new", not "updated".
      for (const id of changedNow) {
        if (countedHere.has(id)) continue;
        countedHere.add(id);
        summary.updated++;
      }
    }
    report();
  };
  const add = async (q: Question): Promise<void> => {
    // Seed pages are not the API's data: a 2021 seed must not send the first sync back to 2021.
    if (q.source === "api" && q.dateAnswered && (summary.newestAnswer === null || q.dateAnswered > summary.newestAnswer)) {
      summary.newestAnswer = q.dateAnswered;
    }
    batch.push(named(q));
    summary.questionsRead++;
    fileRead++;
    if (batch.length >= batchSize) await flush();
  };

  /** Runs one file, naming it in whatever stops it; the records before the stop are kept. */
  const eachFile = async (file: FileEntry, fn: (stream: Readable) => Promise<void>): Promise<void> => {
    progress.file = file.path;
    fileMessages = 0;
    fileRead = 0;
    const opened = openDecoded(file.path, maxBytes);
    current = opened.bytesRead;
    try {
      await fn(opened.stream);
    } catch (e) {
      skipFile(`${file.path}: ${reason(e)}; skipped${fileRead ? ` from there on (the ${fileRead} records before were read)` : ""}`);
    } finally {
      opened.stream.destroy();
      current = null;
    }
    if (fileMessages > MESSAGES_PER_FILE) messages.push(`${file.path}: ${fileMessages - MESSAGES_PER_FILE} more records skipped`);
  };
  const done = (file: FileEntry): void => {
    progress.bytesDone += file.size;
    progress.filesDone++;
    report();
  };

  const questionItem = async (file: FileEntry, item: unknown, i: number): Promise<void> => {
    const wrapped = ApiItemSchema.safeParse(item);
    const value: unknown = wrapped.success ? wrapped.data.value : item;
    // Named only when skipped: working out the name for every good record costs an import time.
    const name = (): string => {
      const id = ID_ONLY.safeParse(value);
      return `${file.path}: record ${i + 1}${id.success ? ` (id ${id.data.id})` : ""}`;
    };
    const parsed = ApiQuestionSchema.safeParse(value);
    if (!parsed.success) return skipRecord(`${name()} skipped: ${reason(parsed.error)}`);
    let q: Question;
    try {
      q = apiValueToQuestion(parsed.data);
    } catch (e) {
      return skipRecord(`${name()} skipped: ${reason(e)}`);
    }
    await add(q);
  };

  // 1. Members files (and telling every JSON file's content by its first element).
  const jsonKinds = new Map<string, "array" | "object" | ArrayKind>();
  for (const file of files.filter((f) => f.kind === "json")) {
    await eachFile(file, async (stream) => {
      const peeked = await peekFirstChar(stream);
      if (peeked.first === "{") {
        peeked.stream.destroy();
        return void jsonKinds.set(file.path, "object");
      }
      if (peeked.first !== "[") {
        peeked.stream.destroy();
        throw new Error(peeked.first === null ? "empty file" : "not valid JSON (it must start with [ or {)");
      }
      let kind: ArrayKind | null = null;
      for await (const item of arrayItems(peeked.stream)) {
        kind ??= arrayKind(item);
        if (kind !== "members") break;
        const entry = MemberFileEntrySchema.safeParse(item);
        if (entry.success) members.set(entry.data.id, memberOfEntry(entry.data));
      }
      kind ??= "questions";
      if (kind === "unknown") throw new Error("neither API questions nor a members file");
      jsonKinds.set(file.path, kind);
    });
    if (jsonKinds.get(file.path) !== "questions" && jsonKinds.get(file.path) !== "object") done(file);
  }

  // 2. Questions: seed pages, arrays of API items, list responses and single items.
  for (const file of files) {
    const kind = file.kind === "json" ? jsonKinds.get(file.path) : file.kind;
    if (kind === "seed") {
      await eachFile(file, async (stream) => {
        const text = await readAllText(stream, Math.min(maxBytes, MAX_WHOLE_FILE_BYTES));
        let q: Question;
        try {
          q = parseSeedPage(text);
        } catch (e) {
          return skipRecord(`${file.path}: not a written-question page (${reason(e)})`);
        }
        await add(q);
      });
    } else if (kind === "questions") {
      await eachFile(file, async (stream) => {
        let i = 0;
        for await (const item of arrayItems(stream)) await questionItem(file, item, i++);
      });
    } else if (kind === "object") {
      await eachFile(file, async (stream) => {
        let data: unknown;
        try {
          data = JSON.parse(await readAllText(stream, Math.min(maxBytes, MAX_WHOLE_FILE_BYTES)));
        } catch (e) {
          if (e instanceof SyntaxError) throw new Error(`not valid JSON (${e.message})`);
          throw e;
        }
        const list = ApiListSchema.safeParse(data);
        if (list.success) {
          for (const [i, item] of list.data.results.entries()) await questionItem(file, item, i);
        } else if (ApiItemSchema.safeParse(data).success) await questionItem(file, data, 0);
        else throw new Error("neither API questions nor a members file");
      });
    } else continue;
    done(file);
  }
  await flush();

  // 3. Detail lines: full texts over the stored records, a batch of lines at a time.
  for (const file of files.filter((f) => f.kind === "jsonl")) {
    await eachFile(file, async (stream) => {
      let pending: Array<{ id: string; texts: z.infer<typeof DetailLineSchema> }> = [];
      const apply = async (): Promise<void> => {
        const held = new Map((await store.getQuestions(pending.map((p) => p.id))).map((q) => [q.id, q]));
        for (const { id, texts } of pending) {
          const q = held.get(id);
          if (!q) {
            summary.detailsUnmatched++;
            continue;
          }
          try {
            const merged = applyDetailTexts(named(q), texts);
            held.set(id, merged);
            batch.push(merged);
            summary.detailsMerged++;
          } catch (e) {
            skipRecord(`${file.path}: detail of id ${id} skipped: ${reason(e)}`);
          }
        }
        pending = [];
        await flush(false);
      };
      let n = 0;
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        n++;
        if (!line.trim()) continue;
        let parsed;
        try {
          parsed = DetailLineSchema.safeParse(JSON.parse(line));
        } catch (e) {
          skipRecord(`${file.path}: line ${n} is not valid JSON (${reason(e)})`);
          continue;
        }
        if (!parsed.success) {
          skipRecord(`${file.path}: line ${n} skipped: ${reason(parsed.error)}`);
          continue;
        }
        pending.push({ id: String(parsed.data.id), texts: parsed.data });
        if (pending.length >= batchSize) await apply();
      }
      await apply();
    });
    done(file);
  }
  if (summary.newestAnswer) await noteImportNewestAnswer(store, summary.newestAnswer);
  return summary;
}
