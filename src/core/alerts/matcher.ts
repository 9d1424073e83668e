import type { Question } from "../../model/question.ts";
import { parseQuery, QueryError, type Query } from "../search/query.ts";
import { SearchIndex } from "../search/search-index.ts";
import { eventOf, type AnswerEvent } from "./events.ts";
import type { Subscription } from "../../model/alerts.ts";
import { addDays, londonDay } from "../../model/days.ts";
import { isLatenessDigest } from "./lateness-digest.ts";

export interface Match {
  question: Question;
  event: AnswerEvent;
  /** Every active subscription the question matched, in the order given. */
  subscriptions: Subscription[];
}

/** How many days before a subscription was created an answer may be dated and still be news to it. */
export const CREATED_SLACK_DAYS = 1;

/** The same text the main index checks phrases against. */
function searchableText(q: Question): string {
  return [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n");
}

/**
 * Matches a batch of changed questions against subscriptions: a small index over the batch, each
 * subscription's query (parsed once and cached) run on it.
 */
export class Matcher {
  private readonly parsed = new Map<string, Query | null>();

  /** Called once per query text that no longer parses (a department alias removed, say): it matches nothing. */
  constructor(private readonly onInvalid: (query: string) => void = () => undefined) {}

  /** The subscription's query ready to run on a batch (sorted by date: no relevance work), or null if it no longer parses. */
  query(text: string): Query | null {
    let q = this.parsed.get(text);
    if (q === undefined) {
      try {
        q = { ...parseQuery(text), sort: "newest" };
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        q = null;
        this.onInvalid(text);
      }
      if (this.parsed.size > 50_000) this.parsed.clear();
      this.parsed.set(text, q);
    }
    return q;
  }

  async match(questions: readonly Question[], subscriptions: readonly Subscription[]): Promise<Match[]> {
    const events = new Map<string, { question: Question; event: AnswerEvent }>();
    for (const q of questions) {
      const event = eventOf(q);
      if (event) events.set(q.id, { question: q, event });
    }
    if (events.size === 0 || subscriptions.length === 0) return [];
    const texts = new Map([...events.values()].map(({ question }) => [question.id, searchableText(question)]));
    const index = new SearchIndex(async (ids) => new Map(ids.flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!] as const] : []))));
    index.upsert([...events.values()].map((e) => e.question));

    const bySub = new Map<string, Subscription[]>();
    for (const sub of subscriptions) {
      const query = this.query(sub.query);
      // A lateness digest posts the overdue report at its instants, never single questions.
      if (!query || isLatenessDigest(sub, query)) continue;
      const wantsHolding = query.filters.statuses.includes("holding");
      const earliest = addDays(londonDay(new Date(sub.createdAt)), -CREATED_SLACK_DAYS);
      const result = await index.search(query, 0, events.size);
      for (const hit of result.hits) {
        const e = events.get(hit.id);
        if (!e) continue;
        // Holding answers only for those who asked for them; nothing from before the subscription.
        if (e.event.kind === "holding" && !wantsHolding) continue;
        if (e.event.day < earliest) continue;
        const list = bySub.get(hit.id) ?? [];
        list.push(sub);
        bySub.set(hit.id, list);
      }
    }
    const out: Match[] = [];
    for (const [id, { question, event }] of events) {
      const subs = bySub.get(id);
      if (subs) out.push({ question, event, subscriptions: subs });
    }
    return out;
  }
}
