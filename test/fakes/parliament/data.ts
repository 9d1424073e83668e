/**
 * The data behind the fake Written Questions API: a folder laid out like ../shared/corpus
 * (list/YYYY-MM.json[.gz], detail/YYYY-MM.jsonl[.gz], members.json), read into memory. List items
 * are kept exactly as the corpus holds them (already truncated the way the list endpoint cuts);
 * detail files are read lazily, a month at a time, when a detail request first needs them.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { CORPUS_DIR, corpusPresent } from "../../helpers/corpus.ts";

/** The fields the fake filters and pages on; everything else in the raw value is passed through. */
export const FakeValueSchema = z.looseObject({
  id: z.number().int(),
  uin: z.string(),
  house: z.string(),
  dateTabled: z.string(),
  dateAnswered: z.string().nullish(),
  dateAnswerCorrected: z.string().nullish(),
  isWithdrawn: z.boolean().nullish(),
  questionText: z.string().nullish(),
  answerText: z.string().nullish(),
  heading: z.string().nullish(),
  askingMemberId: z.number().int().nullish(),
  answeringMemberId: z.number().int().nullish(),
  answeringBodyId: z.number().int().nullish(),
});
export type FakeValue = z.infer<typeof FakeValueSchema>;

const ListFileSchema = z.array(z.object({ value: FakeValueSchema, links: z.unknown().optional() }));
const DetailLineSchema = z.object({
  id: z.number().int(),
  questionText: z.string().nullish(),
  answerText: z.string().nullish(),
});
export type FakeDetail = z.infer<typeof DetailLineSchema>;

const MemberSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  party: z.string().nullable(),
  house: z.string().nullish(),
  memberFrom: z.string().nullish(),
});
export type FakeMember = z.infer<typeof MemberSchema>;

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export { CORPUS_DIR };
export const FIXTURES_DIR = resolve(PROJECT_ROOT, "test/fixtures/parliament");

/** Whether the shared corpus is there (see test/helpers/corpus.ts). */
export const corpusAvailable = (): boolean => corpusPresent;

function readMaybeGz(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

const monthOf = (file: string): string | null => /^(\d{4}-\d{2})\.jsonl?(\.gz)?$/.exec(file)?.[1] ?? null;

export class FakeData {
  /** Raw list values by id (the values the list endpoint returns, truncated texts included). */
  readonly items = new Map<number, FakeValue>();
  readonly members = new Map<number, FakeMember>();
  private readonly details = new Map<number, FakeDetail>();
  private readonly detailFiles = new Map<string, string>();
  private readonly loadedDetailMonths = new Set<string>();

  constructor(readonly dir: string, options: { months?: readonly string[] } = {}) {
    const listDir = join(dir, "list");
    for (const file of readdirSync(listDir).sort()) {
      const month = monthOf(file);
      if (!month || (options.months && !options.months.includes(month))) continue;
      for (const item of ListFileSchema.parse(JSON.parse(readMaybeGz(join(listDir, file))))) {
        this.items.set(item.value.id, item.value);
      }
    }
    const detailDir = join(dir, "detail");
    if (existsSync(detailDir)) {
      for (const file of readdirSync(detailDir)) {
        const month = monthOf(file);
        if (month) this.detailFiles.set(month, join(detailDir, file));
      }
    }
    const membersPath = join(dir, "members.json");
    if (existsSync(membersPath)) {
      for (const m of z.array(MemberSchema).parse(JSON.parse(readMaybeGz(membersPath)))) this.members.set(m.id, m);
    }
  }

  /** The detail endpoint's full texts for a question, when the data has them. */
  detail(id: number, dateTabled: string): FakeDetail | undefined {
    if (!this.details.has(id)) this.loadDetailMonth(dateTabled.slice(0, 7));
    if (!this.details.has(id)) {
      // Detail files are by tabling month in the corpus, but do not rely on it.
      for (const month of this.detailFiles.keys()) this.loadDetailMonth(month);
    }
    return this.details.get(id);
  }

  setDetail(detail: FakeDetail): void {
    this.details.set(detail.id, detail);
  }

  private loadDetailMonth(month: string): void {
    if (this.loadedDetailMonths.has(month)) return;
    this.loadedDetailMonths.add(month);
    const path = this.detailFiles.get(month);
    if (!path) return;
    for (const line of readMaybeGz(path).split("\n")) {
      if (!line.trim()) continue;
      const d = DetailLineSchema.parse(JSON.parse(line));
      if (!this.details.has(d.id)) this.details.set(d.id, d);
    }
  }
}
