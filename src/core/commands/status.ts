/**
 * `/wq status`: what wq holds and how current it is: the last successful sync (when, the window,
 * what it added and updated), the range of answer dates held and the stretch synced from the API
 * without a gap, the number of questions, and the last error if the latest sync failed. Read from
 * the sync status and state sync keeps in the store's meta.
 */
import type { Store } from "../../store/store.ts";
import { readSyncState, readSyncStatus } from "../../store/sync-state.ts";
import { z } from "zod";
import { infoReply, type Reply } from "../../model/reply.ts";
import { defineCommand, ok } from "./command.ts";

export interface StatusDeps {
  store: Store;
  now: () => Date;
}


const when = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

const n = (x: number): string => x.toLocaleString("en-GB");
const plural = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ago(then: Date, now: Date): string {
  const s = Math.round((now.getTime() - then.getTime()) / 1000);
  if (s < 60) return "just now";
  const m = Math.floor(s / 60);
  if (m < 60) return `${plural(m, "minute")} ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${plural(h, "hour")} ago`;
  return `${plural(Math.floor(h / 24), "day")} ago`;
}

const at = (iso: string, now: Date): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${when.format(d)} (${ago(d, now)})`;
};
const day = (d: string): string => dayFormat.format(new Date(`${d}T00:00:00Z`));

export async function statusReply(deps: StatusDeps): Promise<Reply> {
  const now = deps.now();
  const [status, state, count, oldest, newest] = await Promise.all([
    readSyncStatus(deps.store),
    readSyncState(deps.store),
    deps.store.countQuestions(),
    deps.store.oldestAnswerDate(),
    deps.store.newestAnswerDate(),
  ]);

  const lines: string[] = [];
  const last = status.lastSuccess;
  if (last) {
    const parts = [`${n(last.inserted)} new`, `${n(last.updated)} updated`];
    if (last.skipped) {
      const ids = last.skippedItems.map((s) => s.id ?? "?").join(", ");
      parts.push(`${n(last.skipped)} skipped as malformed${ids ? ` (${ids})` : ""}`);
    }
    if (last.incomplete) parts.push(`${n(last.incomplete)} with the list's cut text`);
    lines.push(`Last sync: ${at(last.finishedAt, now)}, covering ${day(last.since)} to ${day(last.until)}: ${parts.join(", ")}.`);
  } else {
    lines.push("Last sync: none yet. Questions come from the seed pages and imports until the first sync.");
  }
  // What a search can find: imports and seeds may reach back further than syncs, with gaps.
  lines.push(oldest && newest ? `Answers held: ${day(oldest)} to ${day(newest)}.` : "Answers held: none.");
  if (state.coveredFrom && state.watermark) lines.push(`Synced from the API without a gap: ${day(state.coveredFrom)} to ${day(state.watermark)}.`);
  lines.push(`Questions held: ${n(count)}.`);
  if (status.lastError) lines.push(`Last error: ${at(status.lastError.at, now)}: ${status.lastError.message}`);
  lines.push("", "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.");
  return infoReply("wq status", lines.join("\n"));
}

export const status = defineCommand({
  name: "status",
  usage: "",
  summary: "what wq holds and when it last synced.",
  args: z.object({}),
  parse: () => ok({}),
  run: (_args, deps) => statusReply(deps),
});
