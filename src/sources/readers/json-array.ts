import type { Readable } from "node:stream";

/**
 * The elements of a JSON array file, one at a time, never the whole file in memory: each
 * element's text is found by following strings and brackets, then parsed whole by JSON.parse.
 * stream-json, which this replaces, made a token of every key and value in JavaScript: reading a
 * 50,000-question API file took it 5.6 s, this 1.9 s (gunzip included), and it had been a third
 * of an import's CPU.
 */

/** An element this long is refused (the file stops there): an API record is a few kilobytes. */
export const MAX_ELEMENT_CHARS = 32 * 1024 * 1024;

export class JsonArrayError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const BOM = 0xfeff;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Yields each element of the top-level array in `stream` (UTF-8 bytes). Throws JsonArrayError
 * at the first element or place that is not JSON, after yielding every element before it.
 */
export async function* jsonArrayElements(stream: Readable, maxElementChars = MAX_ELEMENT_CHARS): AsyncGenerator<unknown> {
  stream.setEncoding("utf8");
  // Where the reader is: before the "[", inside the array, or after its "]".
  // (Widened on purpose: scan() below moves it, which TypeScript's narrowing here cannot see.)
  let place = "before" as "before" | "inside" | "after";
  // Inside: bracket depth within the current element (0 between elements), and string state.
  let depth = 0;
  let inString = false;
  let escaped = false;
  // The current element's text from earlier chunks, and where it starts in this one (-1: none yet).
  let carry = "";
  let start = -1;
  // After a comma an element must follow; "[]" is the one array without any.
  let wanted = false;
  let count = 0;

  const element = (text: string): unknown => {
    const trimmed = text.trim();
    if (!trimmed) throw new JsonArrayError(`not valid JSON (an empty element after record ${count})`);
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      throw new JsonArrayError(`not valid JSON at record ${count + 1} (${e instanceof Error ? e.message : String(e)})`);
    }
  };

  for await (const chunk of stream as AsyncIterable<string>) {
    const out: unknown[] = [];
    try {
      scan(chunk, out);
    } catch (e) {
      // The elements before the fault are the caller's all the same.
      yield* out;
      throw e;
    }
    yield* out;
  }
  if (place !== "after") throw new JsonArrayError(`not valid JSON (the file ends inside its array, after record ${count})`);

  function scan(chunk: string, out: unknown[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (place === "inside") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
        else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
          // An element ends at a comma or the closing bracket outside any string or bracket.
          if (start >= 0 || carry) {
            out.push(element(carry + chunk.slice(Math.max(start, 0), i)));
            count++;
          } else if (wanted || c === COMMA) throw new JsonArrayError(`not valid JSON (an empty element after record ${count})`);
          carry = "";
          start = -1;
          wanted = c === COMMA;
          if (c === CLOSE_BRACKET) place = "after";
          continue;
        }
        if (start < 0 && !carry && !isSpace(c)) start = i;
        continue;
      }
      if (isSpace(c) || (c === BOM && place === "before" && i === 0)) continue;
      if (place === "before" && c === OPEN_BRACKET) place = "inside";
      else if (place === "before") throw new JsonArrayError("not valid JSON (it must start with [)");
      else throw new JsonArrayError(`not valid JSON (text after the array's end, after record ${count})`);
    }
    // An element not ended in this chunk goes on in the next (from the start of it, when it began earlier).
    if (place === "inside" && (start >= 0 || carry)) {
      carry += chunk.slice(Math.max(start, 0));
      start = -1;
    }
    if (carry.length > maxElementChars) throw new JsonArrayError(`record ${count + 1} is longer than ${maxElementChars.toLocaleString("en-GB")} characters`);
  }
}
