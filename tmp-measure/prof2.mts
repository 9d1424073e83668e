import { SqliteStore } from "../src/store/sqlite-store.ts";
import { openIndex } from "../src/core/search/index-cache.ts";
import { storeTexts } from "../src/core/search/store-texts.ts";
import { parseQuery } from "../src/core/search/query.ts";
const store = new SqliteStore("/tmp/wqq/wq.db");
const opened = await openIndex(store, storeTexts(store), "/tmp/wqq/wq.db.index");
const index = opened.index;
(index as unknown as { budgetMs: number }).budgetMs = 60_000;
const Q1 = '"forced labour" OR "human rights" OR "child poverty" OR "mental health" OR "climate change" OR "universal credit" OR "armed forces" OR "social care" OR "local authorities" OR "energy prices" OR "waiting lists" OR "free school meals" OR "asylum seekers" OR "net zero" OR "north sea" OR "cost of living"';
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect();
await s.post("Profiler.enable"); await s.post("Profiler.start");
for (let i = 0; i < 5; i++) { const t = performance.now(); await index.search(parseQuery(Q1), 0, 5); await index.search(parseQuery("government"), 0, 5); console.log((performance.now()-t).toFixed(0)); }
const { profile } = await s.post("Profiler.stop");
const self = new Map<string, number>();
const dt = profile.timeDeltas!; const byId = new Map(profile.nodes.map(n => [n.id, n]));
profile.samples!.forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName}@${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,20).map(([k,v])=>`${(v/1000).toFixed(0)}ms ${k}`).join("\n"));
