/** Hand-built Replies for renderer and adapter tests. */
import { allActions, type Action, type Card, type Reply } from "../../src/model/reply.ts";

export function card(n: number, over: Partial<Card> = {}): Card {
  return {
    id: String(1000 + n),
    title: `Question ${n}: China: Uighurs`,
    subtitle: `Commons · UIN ${n} · tabled 2021-06-07`,
    fields: [
      { label: "Department", value: "Foreign, Commonwealth and Development Office" },
      { label: "Asked by", value: "Jim Shannon (DUP)" },
    ],
    body: `What steps is the Government taking on Xinjiang (${n})?\n\nThe UK has led international action.`,
    markedRanges: [],
    bodyIsExcerpt: true,
    url: `https://questions-statements.parliament.uk/written-questions/detail/2021-06-07/${n}`,
    actions: [],
    ...over,
  };
}

export function cardActions(c: Card): Action[] {
  return [
    { kind: "full", label: "Show full answer", style: "default", effect: "private", request: { name: "show", ref: c.id, full: true } },
    { kind: "share", label: "Share to channel", style: "primary", effect: "public", request: { name: "show", ref: c.id, full: false, shared: true } },
  ];
}

export function results(count: number, query = "xinjiang", page = 1): Reply {
  const cards = Array.from({ length: count }, (_, i) => card(i + 1)).map((c) => ({ ...c, actions: cardActions(c) }));
  const actions: Action[] = [];
  if (page > 1) actions.push({ kind: "previous", label: "Previous", style: "default", effect: "replace", request: { name: "search", query, page: page - 1 } });
  actions.push({ kind: "next", label: "Next", style: "default", effect: "replace", request: { name: "search", query, page: page + 1 } });
  return { kind: "results", title: `${count} results for ${query} (page ${page})`, text: "", cards, actions, visibility: "private" };
}

/** Simple ids for rendering without a store. */
export function idsFor(reply: Reply): Map<Action, string> {
  return new Map(allActions(reply).map((a, i) => [a, `wq:${a.kind[0] ?? "x"}:${i}`]));
}

/** About `size` characters of paragraphs, like a long ministerial answer. */
export function longText(size: number): string {
  const para = "The Government continues to raise its concerns about the human rights situation in Xinjiang at the highest levels, and with international partners. ";
  const paras: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const p = `${i + 1}. ${para.repeat(1 + (i % 4))}`.trim();
    paras.push(p);
    length += p.length + 2;
  }
  return paras.join("\n\n");
}
