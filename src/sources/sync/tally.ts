/**
 * A run's counts as its steps go: what was listed, new, updated, skipped, left with cut text, and
 * the progress it reports. A question is counted once over the run: one listed in two weeks
 * (tabled in one, answered in the next) is not "unchanged" the second time.
 */
import type { Question } from "../../model/question.ts";
import type { RejectedItem } from "../api-client.ts";
import type { SyncProgress, SyncSummary } from "./types.ts";

/** The most skipped items named in the summary; the count covers them all. */
const NAMED_SKIPS = 20;

export class SyncTally {
  readonly progress: SyncProgress;
  private readonly seen = new Set<string>();
  private readonly inserted = new Set<string>();
  private readonly updated = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly skipped = new Set<string>();
  private readonly incomplete = new Set<string>();

  constructor(
    readonly run: SyncSummary,
    stepCount: number,
    private readonly onProgress?: (progress: SyncProgress) => void,
  ) {
    this.progress = {
      phase: "list",
      window: { index: 0, count: stepCount, from: run.since, to: run.until },
      pagesDone: 0,
      pagesKnown: 0,
      itemsListed: 0,
      detailsDone: 0,
      detailsKnown: 0,
      stored: 0,
    };
  }

  /** Passes a copy of the progress on. */
  report(): void {
    this.onProgress?.({ ...this.progress, window: { ...this.progress.window } });
  }

  /** A record the API sent that cannot be used, or one the store refused: counted and named once. */
  skip(r: RejectedItem): void {
    const key = String(r.id ?? `#${this.run.skipped}`);
    if (this.skipped.has(key)) return;
    this.skipped.add(key);
    this.run.skipped++;
    if (this.run.skippedItems.length < NAMED_SKIPS) this.run.skippedItems.push(r);
  }

  /** The API ids a step listed. */
  listed(ids: Iterable<number>): void {
    for (const id of ids) {
      const key = String(id);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.run.listed++;
    }
  }

  /** What a step stored: `changedIds` as the store reports them, `held` the ids it held before. */
  stored(questions: readonly Question[], changedIds: readonly string[], held: ReadonlySet<string>): void {
    for (const id of changedIds) {
      if (this.inserted.has(id) || this.updated.has(id)) continue;
      (held.has(id) ? this.updated : this.inserted).add(id);
    }
    this.run.inserted = this.inserted.size;
    this.run.updated = this.updated.size;
    this.run.unchanged = this.seen.size - this.inserted.size - this.updated.size;
    for (const id of changedIds) {
      if (this.changed.has(id)) continue;
      this.changed.add(id);
      this.run.changedIds.push(id);
    }
    this.progress.stored += questions.length;
    const changed = new Set(changedIds);
    for (const q of questions) {
      if (!changed.has(q.id)) continue;
      if (q.textComplete) this.incomplete.delete(q.id);
      else this.incomplete.add(q.id);
    }
    this.run.incomplete = this.incomplete.size;
  }
}
