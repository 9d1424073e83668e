import { isAwaiting, isOverdue } from "../lateness/lateness.ts";
import { londonDay } from "../../model/days.ts";
import { dayOf, dayNumber } from "../lateness/working-days.ts";
import type { DocMeta } from "./documents.ts";
import { DocSet } from "./doc-set.ts";
import type { DateRange, Filters } from "./query.ts";

/** The London day a query's `status:overdue` is judged on: the one it names, else today. */
export function asOfDay(f: Pick<Filters, "asOf">, now: () => Date = () => new Date()): string {
  return f.asOf ?? londonDay(now());
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

/** A list this long against the index (1/LONG_LIST of it or more) keeps its bitset: at most LONG_LIST such lists a kind. */
const LONG_LIST = 16;

/** Documents by one key of theirs, kept up to date one document at a time. */
class Groups<K> {
  readonly lists = new Map<K, number[]>();

  constructor(private readonly key: (m: DocMeta) => K | null) {}

  add(n: number, m: DocMeta): void {
    const k = this.key(m);
    if (k === null) return;
    const list = this.lists.get(k);
    if (list) list.push(n);
    else this.lists.set(k, [n]);
  }

  get(k: K): readonly number[] {
    return this.lists.get(k) ?? [];
  }
}

/** Documents by the day of one date, days in order, for range look-ups by binary search. */
class DateOrder {
  private readonly days: string[] = [];
  private readonly lists: number[][] = [];

  constructor(private readonly date: (m: DocMeta) => string | null) {}

  /** All of `docs` at once: grouped by day, then only the few thousand days sorted. */
  fill(docs: readonly (DocMeta | null)[]): void {
    const byDay = new Map<string, number[]>();
    docs.forEach((m, n) => {
      const day = m ? this.date(m) : null;
      if (day === null) return;
      const list = byDay.get(day);
      if (list) list.push(n);
      else byDay.set(day, [n]);
    });
    const days = [...byDay.keys()].sort();
    this.days.splice(0, this.days.length, ...days);
    this.lists.splice(0, this.lists.length, ...days.map((d) => byDay.get(d)!));
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

  add(n: number, m: DocMeta): void {
    const day = this.date(m);
    if (day === null) return;
    const at = this.bound(day, false);
    if (this.days[at] === day) this.lists[at]!.push(n);
    else {
      // A new day: a few thousand days in all, so inserting in the sorted list is cheap.
      this.days.splice(at, 0, day);
      this.lists.splice(at, 0, [n]);
    }
  }

  /** The lists of the days within the range. */
  within(range: DateRange): number[][] {
    const start = range.from === null ? 0 : this.bound(range.from, false);
    const end = range.to === null ? this.days.length : this.bound(range.to, true);
    return this.lists.slice(start, Math.max(start, end));
  }
}

/**
 * Every filter answered from sets kept beside the index: documents by department, house,
 * status, UIN and member name, and by each date in order. They are kept up to date question by
 * question as the index changes (rebuilding them whole took seconds at 815,000 questions): a
 * new number joins its lists; a retired one stays listed and is passed over. A query unites
 * the lists of its values and intersects its kinds, smallest first, without visiting every
 * document.
 */
export class FilterSets {
  private readonly bodies = new Groups<number>((m) => m.bodyId);
  private readonly houses = new Groups<string>((m) => m.house);
  private readonly statuses = new Groups<string>((m) => m.status);
  private uins: Groups<string> | null = null;
  private readonly askers = new Groups<string>((m) => m.asker || null);
  private readonly answerers = new Groups<string>((m) => m.answerer || null);
  private readonly tabled = new DateOrder((m) => m.dateTabled);
  private readonly answered = new DateOrder((m) => m.dateAnswered);
  private readonly due = new DateOrder((m) => m.dateForAnswer);
  private readonly named = new Groups<boolean>((m) => m.namedDay);
  /**
   * Questions still owed an answer, by date for answer. "Today" moves daily, so status:overdue is
   * no set made once: each query takes the days before its own `asOf` (one binary search). A
   * question answered since is a new document with another status; its old number is retired.
   */
  private readonly awaiting = new DateOrder((m) => (isAwaiting(m.status) ? m.dateForAnswer : null));

  /** Over `docs`, numbered by position; a null entry is a document no longer indexed. */
  constructor(private readonly docs: readonly (DocMeta | null)[]) {
    const all = this.all();
    const groups = all.filter((k) => k instanceof Groups);
    docs.forEach((m, n) => {
      if (m) for (const g of groups) g.add(n, m);
    });
    for (const k of all) if (k instanceof DateOrder) k.fill(docs);
  }

  /** Every kind of set this holds (any Groups or DateOrder field, so a new kind is kept up to date too). */
  private all(): Array<Groups<unknown> | DateOrder> {
    return Object.values(this).filter((v): v is Groups<unknown> | DateOrder => v instanceof Groups || v instanceof DateOrder);
  }

  /** Document `n` (already in `docs`) joins the sets. */
  add(n: number, m: DocMeta): void {
    for (const kind of this.all()) kind.add(n, m);
    this.bitsets = new WeakMap();
  }

  /** Long lists as bitsets, kept until the next change (a list of 700,000 takes 2 ms to set). */
  private bitsets = new WeakMap<ArrayLike<number>, DocSet>();

  private bitsetOf(list: ArrayLike<number>): DocSet {
    let set = this.bitsets.get(list);
    if (!set) {
      set = DocSet.of(this.docs.length, list);
      this.bitsets.set(list, set);
    }
    return set;
  }


  /**
   * The documents that pass every filter, or null when the query has none. `now` gives the day
   * status:overdue is judged on when the query does not name one.
   */
  select(f: Filters, now: () => Date = () => new Date()): DocSet | null {
    const asOf = asOfDay(f, now);
    const kinds: ArrayLike<number>[][] = [];
    if (f.departments.length) kinds.push(f.departments.flatMap((d) => d.ids).map((id) => this.bodies.get(id)));
    if (f.houses.length) kinds.push(f.houses.map((h) => this.houses.get(h)));
    if (f.statuses.length || f.overdue)
      kinds.push([
        ...f.statuses.flatMap((s) => (s === "answered" ? ["answered", "corrected"] : [s])).map((s) => this.statuses.get(s)),
        ...(f.overdue ? this.awaiting.within({ from: null, to: dayOf(dayNumber(asOf) - 1) }) : []),
      ]);
    if (f.named !== null) kinds.push([this.named.get(f.named)]);
    if (f.due) kinds.push(this.due.within(f.due));
    // Nearly every question has its own UIN and few searches name one: made on first use.
    if (f.uins.length) {
      if (!this.uins) {
        const uins = new Groups<string>((m) => m.uin);
        this.docs.forEach((m, n) => m && uins.add(n, m));
        this.uins = uins;
      }
      const uins = this.uins;
      kinds.push(f.uins.map((u) => uins.get(u)));
    }
    // Names are few beside questions: match the fragment against each distinct name once.
    if (f.askers.length) kinds.push([...this.askers.lists].filter(([name]) => f.askers.some((a) => name.includes(a))).map(([, l]) => l));
    if (f.answerers.length)
      kinds.push([...this.answerers.lists].filter(([name]) => f.answerers.some((a) => name.includes(a))).map(([, l]) => l));
    if (f.tabled) kinds.push(this.tabled.within(f.tabled));
    if (f.answered) kinds.push(this.answered.within(f.answered));
    if (kinds.length === 0) return null;

    // The smallest kind gives the candidates; when it is small, the other kinds are checked on
    // those alone; else every kind becomes a bitset (long lists' bitsets kept) and they are met.
    let smallest = kinds[0]!;
    let size = Infinity;
    for (const lists of kinds) {
      const s = lists.reduce((sum, l) => sum + l.length, 0);
      if (s < size) [smallest, size] = [lists, s];
    }
    const capacity = this.docs.length;
    if (size * 64 >= capacity) {
      let met: DocSet | null = null;
      for (const lists of kinds) {
        const set = new DocSet(capacity);
        for (const list of lists) {
          if (list.length * LONG_LIST >= capacity) set.orWith(this.bitsetOf(list));
          else set.addAll(list);
        }
        met = met === null ? set : met.andWith(set);
      }
      // Retired documents are still listed: taking them out of lists of 700,000 cost more. The
      // index leaves them out of every result.
      return met;
    }
    const result = new DocSet(capacity);
    for (const list of smallest)
      for (let i = 0; i < list.length; i++) {
        const n = list[i]!;
        const m = this.docs[n];
        if (m && (kinds.length === 1 || passes(m, f, asOf))) result.add(n);
      }
    return result;
  }
}
