/**
 * An index encoder thread: turns questions' texts into their index tokens (documents.ts
 * encodeFields), which is most of what building the index costs. Started by EncoderPool.
 */
import { parentPort } from "node:worker_threads";
import { answerCalls } from "../threads/worker-calls.ts";
import { encodeFields, type FieldTexts } from "./documents.ts";

const port = parentPort;
if (!port) throw new Error("encoder-worker.ts runs only as a worker thread");

answerCalls(port, async (texts: readonly FieldTexts[]) => ({ value: texts.map(encodeFields) }));
