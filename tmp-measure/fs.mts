import { SqliteStore } from "../src/store/sqlite-store.ts";
import { openIndex } from "../src/core/search/index-cache.ts";
import { storeTexts } from "../src/core/search/store-texts.ts";
import { FilterSets } from "../src/core/search/filters.ts";
import { parseQuery } from "../src/core/search/query.ts";
const store = new SqliteStore("/tmp/wqq/wq.db");
const { index } = await openIndex(store, storeTexts(store), "/tmp/wqq/wq.db.index");
const docs = (index as unknown as { docs: never[] }).docs;
for (let i = 0; i < 3; i++) { const t = performance.now(); new FilterSets(docs); console.log("FilterSets", (performance.now() - t).toFixed(0)); }
let t = performance.now(); await index.search(parseQuery("sort:newest tabled:2024"), 0, 5); console.log("first", (performance.now() - t).toFixed(0));
for (const k of ["bodyId","house","status","uin","asker","dateTabled"] as const) {
  const t2 = performance.now(); const m = new Map<unknown, number[]>();
  (docs as unknown as Record<string, unknown>[]).forEach((d, n) => { const key = d[k]; const l = m.get(key); if (l) l.push(n); else m.set(key, [n]); });
  console.log(k, m.size, (performance.now() - t2).toFixed(0));
}
