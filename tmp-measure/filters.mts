import { SqliteStore } from "../src/store/sqlite-store.ts";
import { openIndex } from "../src/core/search/index-cache.ts";
import { storeTexts } from "../src/core/search/store-texts.ts";
import { FilterSets, passes } from "../src/core/search/filters.ts";
import { parseQuery } from "../src/core/search/query.ts";
const store = new SqliteStore("/tmp/wqq/wq.db");
const { index } = await openIndex(store, storeTexts(store), "/tmp/wqq/wq.db.index");
const docs = (index as unknown as { docs: Parameters<typeof passes>[0][] }).docs;
const sets = new FilterSets(docs);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const q of ["dept:dhsc", "dept:fcdo status:holding", "house:commons tabled:2025", "asker:shannon", "answered:>2026-06-01"]) {
  const f = parseQuery(q).filters;
  const scan: number[] = [], set: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t = performance.now(); const a = docs.flatMap((m, n) => (passes(m, f) ? [n] : [])); scan.push(performance.now() - t);
    t = performance.now(); const b = sets.select(f)!; set.push(performance.now() - t);
    if (a.length !== b.size) throw new Error(q);
  }
  console.log(`${q.padEnd(28)} scan ${med(scan).toFixed(2)} ms  sets ${med(set).toFixed(2)} ms`);
}
const Q1 = '"forced labour" OR "human rights" OR "child poverty" OR "mental health" OR "climate change" OR "universal credit" OR "armed forces" OR "social care" OR "local authorities" OR "energy prices" OR "waiting lists" OR "free school meals" OR "asylum seekers" OR "net zero" OR "north sea" OR "cost of living"';
for (const q of [Q1, '"mental health"', '"northern ireland"', '"forced labour"', "nhs dentists", "government"]) {
  const ts: number[] = [];
  let r;
  for (let i = 0; i < 7; i++) { const t = performance.now(); r = await index.search(parseQuery(q), 0, 5); ts.push(performance.now() - t); }
  console.log(`${q.slice(0, 28).padEnd(28)} total ${r!.estimated ? "about " : ""}${r!.total}  median ${med(ts).toFixed(1)} ms  max ${Math.max(...ts).toFixed(1)} ms`);
}
