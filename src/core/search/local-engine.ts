import type { OverdueReport } from "../lateness/report.ts";
import type { Question } from "../../model/question.ts";
import type { IndexDoc } from "./documents.ts";
import type { IndexEngine, LoadOutcome, SnapshotExpectation } from "./engine.ts";
import type { Query } from "./query.ts";
import { SearchIndex, type SearchResult, type TextSource } from "./search-index.ts";
import type { TrendCounts } from "../trends/trend-counts.ts";
import type { TrendSpec } from "../trends/trend-spec.ts";
import { openSnapshotFile, SnapshotError, writeSnapshotFile, type SnapshotHeader } from "./snapshot-file.ts";

/**
 * The index in the calling thread: what the worker hosts, and what runs in-process where a
 * worker cannot help (an in-memory store, the alert matcher's small per-batch indexes).
 */
export class LocalEngine implements IndexEngine {
  private index: SearchIndex;

  constructor(private readonly texts: TextSource) {
    this.index = new SearchIndex(texts);
  }

  get size(): number {
    return this.index.size;
  }

  search(query: Query, offset: number, limit: number): Promise<SearchResult> {
    return this.index.search(query, offset, limit);
  }

  overdue(asOf: string, departments: readonly number[] | null): Promise<OverdueReport> {
    return this.index.overdue(asOf, departments);
  }

  trend(query: Query, spec: TrendSpec): Promise<TrendCounts> {
    return this.index.trend(query, spec);
  }

  upsert(questions: readonly Question[]): void {
    this.index.upsert(questions);
  }

  add(docs: readonly IndexDoc[]): void {
    this.index.add(docs);
  }

  async load(path: string, expected: SnapshotExpectation): Promise<LoadOutcome> {
    let reader;
    try {
      reader = await openSnapshotFile(path);
    } catch (e) {
      return { kind: "refused", reason: messageOf(e) };
    }
    if (!reader) return { kind: "missing" };
    const { header } = reader;
    const refusal =
      header.format !== expected.format ? `it is format ${header.format}, not ${expected.format}`
      : header.storeId !== expected.storeId ? "it belongs to another database"
      : header.revision > expected.maxRevision ? "it is newer than the database"
      : null;
    if (refusal) {
      reader.close();
      return { kind: "refused", reason: refusal };
    }
    try {
      this.index = await SearchIndex.restore(reader.items, this.texts);
      return { kind: "loaded", revision: header.revision };
    } catch (e) {
      // A half-restored index must not be searched: start empty, the caller rebuilds.
      this.index = new SearchIndex(this.texts);
      if (e instanceof SnapshotError || e instanceof SyntaxError) return { kind: "refused", reason: messageOf(e) };
      throw e;
    }
  }

  save(path: string, header: SnapshotHeader): Promise<void> {
    return writeSnapshotFile(path, header, this.index);
  }

  async close(): Promise<void> {}
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}
