import type { Question } from "../../model/question.ts";
import type { IndexDoc } from "./documents.ts";
import type { SnapshotExpectation } from "./engine.ts";
import type { Query } from "./query.ts";
import type { SnapshotHeader } from "./snapshot-file.ts";
import type { TrendSpec } from "../trends/trend-spec.ts";

/**
 * Messages between the search worker and the thread that owns it. Both ends are this program and
 * structured cloning keeps the shapes, so they are typed here rather than parsed.
 */
export type Call =
  | { op: "search"; query: Query; offset: number; limit: number }
  | { op: "overdue"; asOf: string; departments: readonly number[] | null }
  | { op: "trend"; query: Query; spec: TrendSpec }
  | { op: "upsert"; questions: readonly Question[] }
  | { op: "add"; docs: readonly IndexDoc[] }
  | { op: "load"; path: string; expected: SnapshotExpectation }
  | { op: "save"; path: string; header: SnapshotHeader };

export type ToWorker =
  | { kind: "call"; id: number; call: Call }
  /** The owner's answer to a texts request (see FromWorker). */
  | { kind: "texts"; id: number; texts: Map<string, string> | null; error?: string };

export type FromWorker =
  | { kind: "reply"; id: number; ok: true; value: unknown; size: number }
  /** `queryError`: the error was a QueryError (a mistake or limit to tell the user), `name` its class. */
  | { kind: "reply"; id: number; ok: false; error: string; name: string; queryError: boolean; size: number }
  /** The worker needs full texts for a phrase check and has no database of its own to read them from. */
  | { kind: "texts"; id: number; ids: readonly string[] };

export interface SearchWorkerData {
  /** A SQLite file the worker reads texts from itself; null: it asks its owner. */
  textsFile: string | null;
  /** See WorkerEngineOptions.hold. */
  hold: Int32Array | null;
}
