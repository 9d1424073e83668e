import { SqliteStore } from "../src/store/sqlite-store.ts";
import { storeTexts } from "../src/core/search/store-texts.ts";
const store = new SqliteStore("/tmp/wqq/wq.db");
const ids = (store.db.prepare("SELECT id FROM questions LIMIT 20000").all() as {id:string}[]).map(r => r.id);
let t = performance.now();
const texts = await storeTexts(store)(ids);
console.log("storeTexts 20000", (performance.now() - t).toFixed(0), "ms");
t = performance.now();
const rows = store.db.prepare("SELECT record FROM questions WHERE id = ?");
let n = 0;
for (const id of ids) { const r = rows.get(id) as {record:string}; n += r.record.length; }
console.log("raw rows 20000", (performance.now() - t).toFixed(0), "ms", n);
t = performance.now();
for (const id of ids) { const r = rows.get(id) as {record:string}; JSON.parse(r.record); }
console.log("rows+JSON.parse 20000", (performance.now() - t).toFixed(0), "ms");
