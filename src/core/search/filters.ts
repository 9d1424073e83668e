import { isAwaiting, isOverdue } from "../lateness/lateness.ts";
import { londonToday } from "../lateness/today.ts";
import { dayOf, dayNumber } from "../lateness/working-days.ts";
import type { DocMeta } from "./documents.ts";
import type { DateRange, Filters } from "./query.ts";

/** The London day a query's `status:overdue` is judged on: the one it names, else today. */
export function asOfDay(f: Pick<Filters, "asOf">, now: () => Date = () => new Date()): string {
  return f.asOf ?? londonToday(now());
}

function inRange(day: string | null, range: DateRange | null): boolean {
  if (!range) return true;
  if (!day) return false;
  return (range.from === null || day >= range.from) && (range.to === null || day <= range.to);
}

/**
 * Whether one question passes every filter of a query (the rule FilterSets answers in bulk);
 * `asOf` is the day status:overdue is judged on.
 */
export function passes(m: DocMeta, f: Filters, asOf: string = asOfDay(f)): boolean {
  if (f.departments.length && !f.departments.some((d) => m.bodyId !== null && d.ids.includes(m.bodyId))) return false;
  if (f.askers.length && !f.askers.some((a) => m.asker.includes(a))) return false;
  if (f.answerers.length && !f.answerers.some((a) => m.answerer.includes(a))) return false;
  if (f.houses.length && !f.houses.includes(m.house)) return false;
  // A corrected answer is still an answer; overdue is one more status to choose among.
  if (
    (f.statuses.length || f.overdue) &&
    !f.statuses.some((s) => s === m.status || (s === "answered" && m.status === "corrected")) &&
    !(f.overdue && isOverdue(m.status, m.dateForAnswer, asOf))
  )
    return false;
  if (f.uins.length && (m.uin === null || !f.uins.includes(m.uin))) return false;
  if (f.named !== null && m.namedDay !== f.named) return false;
  return inRange(m.dateTabled, f.tabled) && inRange(m.dateAnswered, f.answered) && inRange(m.dateForAnswer, f.due);
}

function group<K>(docs: readonly DocMeta[], key: (m: DocMeta) => K | null): Map<K, number[]> {
  const out = new Map<K, number[]>();
  docs.forEach((m, n) => {
    const k = key(m);
    if (k === null) return;
    const list = out.get(k);
    if (list) list.push(n);
    else out.set(k, [n]);
  });
  return out;
}

/** Documents by the day of one date, days in order, for range look-ups by binary search. */
class DateOrder {
  private readonly days: string[];
  private readonly lists: number[][];

  constructor(docs: readonly DocMeta[], date: (m: DocMeta) => string | null) {
    // Grouping by day needs no sort of the documents: only the few thousand distinct days are sorted.
    const byDay = group(docs, date);
    this.days = [...byDay.keys()].sort();
    this.lists = this.days.map((d) => byDay.get(d)!);
  }

  /** The first position whose day is >= day (or > day when `after`). */
  private bound(day: string, after: boolean): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.days[mid]! < day || (after && this.days[mid] === day)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The lists of the days within the range. */
  within(range: DateRange): number[][] {
    const start = range.from === null ? 0 : this.bound(range.from, false);
    const end = range.to === null ? this.days.length : this.bound(range.to, true);
    return this.lists.slice(start, Math.max(start, end));
  }
}

/**
 * Every filter answered from sets made once per change of the index: documents by department,
 * house, status, UIN and member name, and by each date in order. A query then unites the lists
 * of its values and intersects its kinds, smallest first, without visiting every document.
 */
export class FilterSets {
  private readonly bodies: Map<number, number[]>;
  private readonly houses: Map<string, number[]>;
  private readonly statuses: Map<string, number[]>;
  private uins: Map<string, number[]> | null = null;
  private readonly askers: Map<string, number[]>;
  private readonly answerers: Map<string, number[]>;
  private readonly tabled: DateOrder;
  private readonly answered: DateOrder;
  // Lateness filters are rarer: made on first use.
  private due: DateOrder | null = null;
  private awaiting: DateOrder | null = null;
  private named: Map<boolean, number[]> | null = null;

  constructor(private readonly docs: readonly DocMeta[]) {
    this.bodies = group(docs, (m) => m.bodyId);
    this.houses = group(docs, (m) => m.house);
    this.statuses = group(docs, (m) => m.status);
    this.askers = group(docs, (m) => m.asker || null);
    this.answerers = group(docs, (m) => m.answerer || null);
    this.tabled = new DateOrder(docs, (m) => m.dateTabled);
    this.answered = new DateOrder(docs, (m) => m.dateAnswered);
  }

  /**
   * Questions still owed an answer whose date for answer is before `asOf`. "Today" moves daily,
   * so this is not a set made once: the awaiting questions are held by date for answer, and each
   * query takes the days before its own `asOf` (one binary search).
   */
  private overdue(asOf: string): number[][] {
    this.awaiting ??= new DateOrder(this.docs, (m) => (isAwaiting(m.status) ? m.dateForAnswer : null));
    return this.awaiting.within({ from: null, to: dayOf(dayNumber(asOf) - 1) });
  }

  /**
   * The documents that pass every filter, or null when the query has none. `now` gives the day
   * status:overdue is judged on when the query does not name one.
   */
  select(f: Filters, now: () => Date = () => new Date()): Set<number> | null {
    const asOf = asOfDay(f, now);
    const kinds: ArrayLike<number>[][] = [];
    if (f.departments.length) kinds.push(f.departments.flatMap((d) => d.ids).map((id) => this.bodies.get(id) ?? []));
    if (f.houses.length) kinds.push(f.houses.map((h) => this.houses.get(h) ?? []));
    if (f.statuses.length || f.overdue)
      kinds.push([
        ...f.statuses.flatMap((s) => (s === "answered" ? ["answered", "corrected"] : [s])).map((s) => this.statuses.get(s) ?? []),
        ...(f.overdue ? this.overdue(asOf) : []),
      ]);
    if (f.named !== null) {
      this.named ??= group(this.docs, (m) => m.namedDay);
      kinds.push([this.named.get(f.named) ?? []]);
    }
    if (f.due) {
      this.due ??= new DateOrder(this.docs, (m) => m.dateForAnswer);
      kinds.push(this.due.within(f.due));
    }
    // Nearly every question has its own UIN and few searches name one: made on first use.
    if (f.uins.length) {
      this.uins ??= group(this.docs, (m) => m.uin);
      const uins = this.uins;
      kinds.push(f.uins.map((u) => uins.get(u) ?? []));
    }
    // Names are few beside questions: match the fragment against each distinct name once.
    if (f.askers.length) kinds.push([...this.askers].filter(([name]) => f.askers.some((a) => name.includes(a))).map(([, l]) => l));
    if (f.answerers.length)
      kinds.push([...this.answerers].filter(([name]) => f.answerers.some((a) => name.includes(a))).map(([, l]) => l));
    if (f.tabled) kinds.push(this.tabled.within(f.tabled));
    if (f.answered) kinds.push(this.answered.within(f.answered));
    if (kinds.length === 0) return null;

    // The smallest kind gives the candidates; the other kinds are checked on those alone.
    let smallest = kinds[0]!;
    let size = Infinity;
    for (const lists of kinds) {
      const s = lists.reduce((sum, l) => sum + l.length, 0);
      if (s < size) [smallest, size] = [lists, s];
    }
    const result = new Set<number>();
    for (const list of smallest)
      for (let i = 0; i < list.length; i++) {
        const n = list[i]!;
        if (kinds.length === 1 || passes(this.docs[n]!, f, asOf)) result.add(n);
      }
    return result;
  }
}
