import { SqliteStore } from "/work/wq-quality/src/store/sqlite-store.ts";
import { openIndex } from "/work/wq-quality/src/core/search/index-cache.ts";
import { storeTexts } from "/work/wq-quality/src/core/search/store-texts.ts";
import { SearchIndex } from "/work/wq-quality/src/core/search/search-index.ts";
import { parseQuery } from "/work/wq-quality/src/core/search/query.ts";
const store = new SqliteStore("/tmp/wqq/wq.db");
const texts = storeTexts(store);
let t = performance.now();
const opened = await openIndex(store, texts, "/tmp/wqq/wq.db.index");
console.log("open", opened.from, (performance.now() - t).toFixed(0), "ms");
const index: SearchIndex = opened.index;
(index as unknown as { budgetMs: number }).budgetMs = 60_000;
const Q1 = '"forced labour" OR "human rights" OR "child poverty" OR "mental health" OR "climate change" OR "universal credit" OR "armed forces" OR "social care" OR "local authorities" OR "energy prices" OR "waiting lists" OR "free school meals" OR "asylum seekers" OR "net zero" OR "north sea" OR "cost of living"';
const qs = process.argv.slice(2).length ? process.argv.slice(2) : [Q1, '"mental health"', "government", "dept:dhsc", "homeless", "nhs dentists", "house:commons tabled:2025"];
for (const q of qs) {
  for (let i = 0; i < 2; i++) {
    t = performance.now();
    const r = await index.search(parseQuery(q), 0, 5);
    console.log(q.slice(0, 40), r.total, (performance.now() - t).toFixed(1), "ms");
  }
}
