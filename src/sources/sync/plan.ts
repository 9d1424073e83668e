/**
 * Which days a run covers and in what steps: an explicit window, its resumption after a kill, the
 * continuation from the watermark, or the first run's backfill (from an import's newest answer
 * when there was one).
 */
import type { SyncState } from "../../store/sync-state.ts";
import { addDays, isDay } from "../../model/days.ts";
import { dayWindows, maxDay, minDay } from "../dates.ts";
import { SyncError, type SyncOptions, type SyncStep } from "./types.ts";

export interface SyncPlan {
  since: string;
  until: string;
  /** Where this run's unbroken ground starts: a resumed run's began where the killed one did. */
  origin: string;
  /** The day a killed run with the same window had finished up to; null when not resuming. */
  resumed: string | null;
  steps: SyncStep[];
}

type PlanOptions = Pick<SyncOptions, "since" | "until" | "backfillDays" | "overlapDays" | "withdrawalLookbackDays" | "windowDays">;

/** Throws SyncError("arguments") for a bad --since/--until. */
export function checkWindow(options: Pick<SyncOptions, "since" | "until">): void {
  for (const [name, v] of [
    ["since", options.since],
    ["until", options.until],
  ] as const) {
    if (v !== undefined && !isDay(v)) throw new SyncError(`--${name} must be a date as YYYY-MM-DD, not "${v}"`, "arguments");
  }
}

/** The run's window and steps, from the options, the stored state, today and an import's newest answer. */
export function planSync(options: PlanOptions, state: SyncState, today: string, imported: string | null): SyncPlan {
  const windowDays = Math.max(1, options.windowDays ?? 7);
  const overlap = Math.max(0, options.overlapDays ?? 2);
  const until = options.until ?? today;
  const continuing = options.since === undefined && state.watermark !== null;
  if (options.since !== undefined && options.since > until) throw new SyncError(`--since ${options.since} is after --until ${until}`, "arguments");
  const backfillFrom = addDays(until, -(Math.max(1, options.backfillDays ?? 30) - 1));
  // The same explicit run again after a kill goes on from the last week it finished.
  const resumed =
    options.since !== undefined &&
    state.backfill?.since === options.since &&
    state.backfill.until === (options.until ?? null) &&
    state.backfill.through >= options.since
      ? state.backfill.through
      : null;
  const since =
    resumed !== null
      ? minDay(addDays(resumed, 1), until)
      : (options.since ??
        (state.watermark !== null
          ? addDays(state.watermark, -overlap)
          : imported !== null
            ? // A first sync after an import starts at the newest answer it brought: no gap, whatever its age.
              minDay(addDays(imported, -overlap), backfillFrom)
            : backfillFrom));
  // Only a run that reaches today may move the watermark: an old window says nothing about today.
  const movesWatermark = until >= today;

  const steps: SyncStep[] = [];
  const lookback = options.withdrawalLookbackDays ?? 14;
  if (continuing && lookback > 0) {
    const from = maxDay(addDays(since, -lookback), state.coveredFrom) ?? since;
    const to = addDays(since, -1);
    if (from <= to) {
      steps.push({
        from,
        to,
        filters: [{ tabledWhenFrom: from, tabledWhenTo: to, answered: "Unanswered", includeWithdrawn: true }],
        advances: false,
      });
    }
  }
  for (const w of dayWindows(since, until, windowDays)) {
    steps.push({
      ...w,
      advances: movesWatermark,
      filters: [
        { tabledWhenFrom: w.from, tabledWhenTo: w.to, includeWithdrawn: true },
        { answeredWhenFrom: w.from, answeredWhenTo: w.to, includeWithdrawn: true },
        { correctedWhenFrom: w.from, correctedWhenTo: w.to, includeWithdrawn: true },
      ],
    });
  }
  return { since, until, origin: options.since ?? since, resumed, steps };
}

/**
 * The state after a finished step: its days are held, so the watermark moves on, but only over
 * contiguous ground. A step that ends before the covered range (a backfill from long ago) joins it
 * only once it reaches it. An explicit window also records how far it got, to resume after a kill.
 */
export function afterStep(state: SyncState, step: SyncStep, plan: SyncPlan, today: string, explicit: Pick<SyncOptions, "since" | "until">): SyncState {
  const next: SyncState = { ...state };
  const touches =
    state.watermark === null ||
    (step.from <= addDays(state.watermark, 1) && (state.coveredFrom === null || step.to >= addDays(state.coveredFrom, -1)));
  if (step.advances && touches) {
    // Never past today: later days have not been published yet.
    next.watermark = maxDay(state.watermark, minDay(step.to, today));
    next.coveredFrom = state.coveredFrom === null || plan.origin < state.coveredFrom ? minDay(plan.origin, step.from) : state.coveredFrom;
  }
  if (explicit.since !== undefined) {
    next.backfill = { since: explicit.since, until: explicit.until ?? null, through: step.to };
  }
  return next;
}
