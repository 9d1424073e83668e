/**
 * The search worker thread: hosts the index (a LocalEngine) so that searching, loading and
 * saving never hold the event loop that acknowledges Slack and Discord. Started by WorkerEngine.
 */
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { LocalEngine } from "./local-engine.ts";
import { QueryError } from "./query.ts";
import type { TextSource } from "./search-index.ts";
import { sqliteTexts } from "./sqlite-texts.ts";
import type { Call, FromWorker, ToWorker } from "./worker-protocol.ts";

const port = parentPort;
if (!port) throw new Error("search-worker.ts runs only as a worker thread");

const data = z.object({ textsFile: z.string().nullable(), hold: z.instanceof(Int32Array).nullable() }).parse(workerData);

let nextTextsId = 0;
const waitingTexts = new Map<number, { resolve: (t: Map<string, string>) => void; reject: (e: Error) => void }>();
const askOwner: TextSource = (ids) =>
  new Promise((resolve, reject) => {
    const id = nextTextsId++;
    waitingTexts.set(id, { resolve, reject });
    port.postMessage({ kind: "texts", id, ids } satisfies FromWorker);
  });

const texts = data.textsFile ? sqliteTexts(data.textsFile).texts : askOwner;
const engine = new LocalEngine(texts);

async function run(call: Call): Promise<unknown> {
  switch (call.op) {
    case "search":
      if (data.hold && Atomics.load(data.hold, 0) === 1) {
        Atomics.store(data.hold, 1, 1);
        Atomics.wait(data.hold, 0, 1);
      }
      return engine.search(call.query, call.offset, call.limit);
    case "overdue":
      return engine.overdue(call.asOf, call.departments);
    case "trend":
      return engine.trend(call.query, call.spec);
    case "upsert":
      return engine.upsert(call.questions);
    case "add":
      return engine.add(call.docs);
    case "load":
      return engine.load(call.path, call.expected);
    case "save":
      return engine.save(call.path, call.header);
  }
}

port.on("message", (message: ToWorker) => {
  if (message.kind === "texts") {
    const waiting = waitingTexts.get(message.id);
    waitingTexts.delete(message.id);
    if (message.texts) waiting?.resolve(message.texts);
    else waiting?.reject(new Error(message.error ?? "texts unavailable"));
    return;
  }
  run(message.call).then(
    (value) => port.postMessage({ kind: "reply", id: message.id, ok: true, value, size: engine.size } satisfies FromWorker),
    (e: unknown) =>
      port.postMessage({
        kind: "reply",
        id: message.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
        name: e instanceof Error ? e.name : "Error",
        queryError: e instanceof QueryError,
        size: engine.size,
      } satisfies FromWorker),
  );
});
