import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The shared corpus of 58,173 real questions, beside the project; absent on some machines. */
export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));
export const corpusPresent = existsSync(`${CORPUS_DIR}/list`) && existsSync(`${CORPUS_DIR}/members.json`);
export const CORPUS_SKIP_MESSAGE = `skipped: the shared corpus is not at ${CORPUS_DIR}`;

if (!corpusPresent) console.warn(`corpus tests ${CORPUS_SKIP_MESSAGE}`);
