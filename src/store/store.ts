import type { Question } from "../model/question.ts";

export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids whose stored record was created or replaced, in input order. */
  changedIds: string[];
}

/**
 * Where wq keeps questions and its own small state. Asynchronous so that the embedded SQLite
 * store and a networked one share one interface.
 */
export interface Store {
  /** Adds new questions and replaces older versions; an older or equal version changes nothing. */
  upsertQuestions(questions: readonly Question[]): Promise<UpsertSummary>;
  getQuestion(id: string): Promise<Question | null>;
  getQuestions(ids: readonly string[]): Promise<Question[]>;
  findByUin(dateTabled: string, uin: string): Promise<Question | null>;
  /** Every question, in batches, for building the search index. */
  allQuestions(batchSize?: number): AsyncIterable<Question[]>;
  countQuestions(): Promise<number>;
  /** The latest day any held question was answered, YYYY-MM-DD; null when none is. */
  newestAnswerDate(): Promise<string | null>;
  /** The earliest day any held question was answered, YYYY-MM-DD; null when none is. */
  oldestAnswerDate(): Promise<string | null>;
  /**
   * The revision of the latest write (0 when empty). Each upsertQuestions call that changes
   * anything gets a revision above every earlier one, so a search index, or its snapshot, can
   * catch up with what changed since it last looked, whichever process wrote it.
   */
  revision(): Promise<number>;
  /** Questions written after `revision`, in batches. */
  changedSince(revision: number, batchSize?: number): AsyncIterable<Question[]>;
  /** Small named values (sync watermark, status, persisted UI state) as JSON text. */
  getMeta(key: string): Promise<string | null>;
  /** Stamps the value with the store's clock, for pruneMeta. */
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Deletes the values whose key starts with `prefix` last written before `olderThan` (stored
   * button states that have expired); returns how many went.
   */
  pruneMeta(prefix: string, olderThan: Date): Promise<number>;
  close(): Promise<void>;
}

