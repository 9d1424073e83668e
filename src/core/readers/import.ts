import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import type { Question } from "../model/question.ts";
import type { Store } from "../../store/store.ts";
import {
  ApiItemSchema,
  ApiListSchema,
  ApiQuestionSchema,
  DetailLineSchema,
  apiValueToQuestion,
  applyDetailTexts,
  fillMemberNames,
  type DetailTexts,
} from "./api-json.ts";
import { MemberFileEntrySchema, memberDirectory, type MemberDirectory } from "./members.ts";
import { parseSeedPage } from "./seed-page.ts";

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
  /** One line per skipped file or record, naming it and saying why. */
  messages: string[];
  /** Ids created or replaced, for the search index. */
  changedIds: string[];
}

type FileKind = "seed" | "json" | "jsonl";

function kindOf(path: string): FileKind | null {
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".txt")) return "seed";
  if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) return "jsonl";
  if (p.endsWith(".json")) return "json";
  return null;
}

/** Files to read below `paths`; a file named outright that wq cannot read gets a message. */
async function listFiles(paths: readonly string[], messages: string[], named = true): Promise<string[]> {
  const out: string[] = [];
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
    } else if (kindOf(path)) out.push(path);
    else if (named) messages.push(`${path}: not a .txt, .json, .jsonl or .gz file; skipped`);
  }
  return out;
}

async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (path.toLowerCase().endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

const reason = (e: unknown): string =>
  e instanceof z.ZodError
    ? e.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).slice(0, 3).join("; ")
    : e instanceof Error
      ? e.message
      : String(e);

/** What a JSON file holds, told by its shape. */
type JsonContent =
  | { kind: "questions"; items: unknown[] }
  | { kind: "members"; directory: MemberDirectory }
  | { kind: "bodies" }
  | { kind: "unknown" };

function classify(data: unknown): JsonContent {
  const list = ApiListSchema.safeParse(data);
  if (list.success) return { kind: "questions", items: list.data.results };
  if (Array.isArray(data)) {
    const first: unknown = data[0];
    if (data.length === 0) return { kind: "questions", items: [] };
    if (ApiItemSchema.safeParse(first).success) return { kind: "questions", items: data };
    if (MemberFileEntrySchema.safeParse(first).success && typeof first === "object" && first && "party" in first) {
      return { kind: "members", directory: memberDirectory(z.array(MemberFileEntrySchema).parse(data)) };
    }
    if (z.object({ id: z.number(), name: z.string() }).strict().safeParse(first).success) return { kind: "bodies" };
    return { kind: "unknown" };
  }
  if (ApiItemSchema.safeParse(data).success) return { kind: "questions", items: [data] };
  return { kind: "unknown" };
}

/**
 * Imports seed pages, API JSON (list responses, arrays of items, single items, detail lines,
 * plain or gzip) and members files into the store. A bad file or record is skipped with a
 * message; the rest goes in. Detail texts replace the list's truncated texts of the same id,
 * whichever file comes first.
 */
export async function importPaths(paths: readonly string[], store: Store): Promise<ImportSummary> {
  const messages: string[] = [];
  const files = await listFiles(paths, messages);
  const summary: ImportSummary = {
    files: files.length, questionsRead: 0, inserted: 0, updated: 0, unchanged: 0,
    detailsMerged: 0, detailsUnmatched: 0, skipped: messages.length, messages, changedIds: [],
  };
  const skip = (message: string): void => {
    summary.skipped++;
    messages.push(message);
  };

  const records = new Map<string, Question>();
  const details: Array<{ path: string; lines: string[] }> = [];
  let members: MemberDirectory = new Map();

  for (const path of files) {
    const kind = kindOf(path)!;
    let text: string;
    try {
      text = await readText(path);
    } catch (e) {
      skip(`${path}: cannot be read (${reason(e)})`);
      continue;
    }
    if (kind === "seed") {
      try {
        const q = parseSeedPage(text);
        records.set(q.id, q);
        summary.questionsRead++;
      } catch (e) {
        skip(`${path}: not a written-question page (${reason(e)})`);
      }
      continue;
    }
    if (kind === "jsonl") {
      details.push({ path, lines: text.split("\n") });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      skip(`${path}: not valid JSON (${reason(e)})`);
      continue;
    }
    const content = classify(data);
    if (content.kind === "members") members = new Map([...members, ...content.directory]);
    else if (content.kind === "bodies") continue;
    else if (content.kind === "unknown") skip(`${path}: neither API questions nor a members file; skipped`);
    else {
      content.items.forEach((item, i) => {
        const value = ApiItemSchema.safeParse(item);
        const parsed = ApiQuestionSchema.safeParse(value.success ? value.data.value : item);
        if (!parsed.success) {
          const id = (value.success ? value.data.value : item) as { id?: unknown } | null;
          skip(`${path}: record ${i + 1}${typeof id?.id === "number" ? ` (id ${id.id})` : ""} skipped: ${reason(parsed.error)}`);
          return;
        }
        const q = apiValueToQuestion(parsed.data);
        records.set(q.id, q);
        summary.questionsRead++;
      });
    }
  }

  const pendingFromStore = new Map<string, DetailTexts>();
  for (const { path, lines } of details) {
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let parsed;
      try {
        parsed = DetailLineSchema.safeParse(JSON.parse(line));
      } catch (e) {
        skip(`${path}: line ${i + 1} is not valid JSON (${reason(e)})`);
        return;
      }
      if (!parsed.success) {
        skip(`${path}: line ${i + 1} skipped: ${reason(parsed.error)}`);
        return;
      }
      const id = String(parsed.data.id);
      const held = records.get(id);
      if (held) {
        records.set(id, applyDetailTexts(held, parsed.data));
        summary.detailsMerged++;
      } else pendingFromStore.set(id, parsed.data);
    });
  }

  const batch: Question[] = [];
  const flush = async (): Promise<void> => {
    const r = await store.upsertQuestions(batch.splice(0));
    summary.inserted += r.inserted;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
    summary.changedIds.push(...r.changedIds);
  };
  for (const q of records.values()) {
    batch.push(members.size ? fillMemberNames(q, members) : q);
    if (batch.length >= 2000) await flush();
  }
  // Detail lines for questions imported earlier: lay the texts over the stored record.
  for (const [id, texts] of pendingFromStore) {
    const held = await store.getQuestion(id);
    if (!held) {
      summary.detailsUnmatched++;
      continue;
    }
    batch.push(applyDetailTexts(members.size ? fillMemberNames(held, members) : held, texts));
    summary.detailsMerged++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return summary;
}
