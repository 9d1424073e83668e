import type { OverdueReport } from "../lateness/report.ts";
import type { Question } from "../../model/question.ts";
import type { IndexDoc } from "./documents.ts";
import type { Query } from "./query.ts";
import type { SearchResult } from "./search-index.ts";
import type { SnapshotHeader } from "./snapshot-file.ts";
import type { TrendCounts } from "../trends/trend-counts.ts";
import type { TrendSpec } from "../trends/trend-spec.ts";

/**
 * What commands, alerts and the index refresh need of a search index, whether it runs in this
 * thread (SearchIndex) or in a worker thread (WorkerEngine).
 */
export interface SearchEngine {
  /** Runs a parsed query; `total` counts every match, `hits` holds the slice asked for. */
  search(query: Query, offset: number, limit: number): Promise<SearchResult>;
  /** A query's exact matches counted by period of tabling, department and asker (see SearchIndex.trend). */
  trend(query: Query, spec: TrendSpec): Promise<TrendCounts>;
  /** Adds new questions and re-indexes changed ones; a search asked for after it sees them. */
  upsert(questions: readonly Question[]): void | Promise<void>;
  /** The overdue report on the London day `asOf` (core/lateness/report.ts), computed beside the index. */
  overdue(asOf: string, departments: readonly number[] | null): Promise<OverdueReport>;
  /** How many questions the index holds (as of the last finished call). */
  readonly size: number;
}

/** What a snapshot must be to be used: this program's format, this store, no newer than it. */
export interface SnapshotExpectation {
  format: string;
  storeId: string;
  maxRevision: number;
}

export type LoadOutcome =
  | { kind: "loaded"; revision: number }
  | { kind: "missing" }
  | { kind: "refused"; reason: string };

/** A search engine that can also load and save its snapshot and be shut down. */
export interface IndexEngine extends SearchEngine {
  /** As upsert, with the questions' tokens already encoded (see documents.ts IndexDoc). */
  add(docs: readonly IndexDoc[]): void | Promise<void>;
  /** Replaces the index with the snapshot at `path` when it meets `expected`; else leaves it empty. */
  load(path: string, expected: SnapshotExpectation): Promise<LoadOutcome>;
  /** Writes the index to `path` (aside, then renamed). */
  save(path: string, header: SnapshotHeader): Promise<void>;
  close(): Promise<void>;
}
