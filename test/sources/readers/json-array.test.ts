import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { JsonArrayError, jsonArrayElements } from "../../../src/sources/readers/json-array.ts";

/** The text as a byte stream cut every `size` bytes (so cuts fall inside strings, escapes and UTF-8 characters). */
function bytes(text: string, size = 1 << 16): Readable {
  const all = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

/** Every element read before the error, and the error (null when the whole array was read). */
async function read(text: string, size?: number, max?: number): Promise<{ items: unknown[]; error: Error | null }> {
  const items: unknown[] = [];
  try {
    for await (const item of jsonArrayElements(bytes(text, size), max)) items.push(item);
    return { items, error: null };
  } catch (e) {
    return { items, error: e as Error };
  }
}

const TRICKY = [
  { value: { id: 1, heading: "Brackets ] and } and , in a string", tags: ["a", "b"], nested: { deep: [[1, 2], [3, { x: null }]] } } },
  { value: { id: 2, text: 'Quotes \\" and a backslash at the end \\\\', accents: "Uyghur – “Kyiv” – ünïcödé – 😀" } },
  "a plain string, with a comma",
  42,
  -1.5e3,
  true,
  null,
  [],
  {},
];

describe("reading a JSON array element by element", () => {
  it("gives back every element as JSON.parse reads the whole, however the bytes are cut", async () => {
    const text = JSON.stringify(TRICKY, null, 1);
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) {
      const { items, error } = await read(text, size);
      expect(error, `cut every ${size} bytes`).toBeNull();
      expect(items, `cut every ${size} bytes`).toEqual(JSON.parse(text));
    }
  });

  it("reads an empty array, surrounding whitespace and a byte order mark", async () => {
    expect(await read(" \n[ ]\n ")).toEqual({ items: [], error: null });
    expect(await read("\ufeff[1, 2]")).toEqual({ items: [1, 2], error: null });
  });

  it("keeps the elements before a bad one and names the bad one", async () => {
    const { items, error } = await read('[{"id":1},{"id":2},{"id":3,,},{"id":4}]');
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(error).toBeInstanceOf(JsonArrayError);
    expect(error?.message).toMatch(/^not valid JSON at record 3 \(/);
  });

  it("keeps the elements before a file that is cut short", async () => {
    const text = JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const { items, error } = await read(text.slice(0, -8), 4);
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(error?.message).toBe("not valid JSON (the file ends inside its array, after record 2)");
  });

  it("refuses what is not one array: another start, text after the end, empty elements", async () => {
    expect((await read('{"results": []}')).error?.message).toBe("not valid JSON (it must start with [)");
    expect(await read("[1] [2]")).toEqual({ items: [1], error: new JsonArrayError("not valid JSON (text after the array's end, after record 1)") });
    expect(await read("[1,,2]")).toEqual({ items: [1], error: new JsonArrayError("not valid JSON (an empty element after record 1)") });
    expect(await read("[1,]")).toEqual({ items: [1], error: new JsonArrayError("not valid JSON (an empty element after record 1)") });
    expect(await read("[,1]")).toEqual({ items: [], error: new JsonArrayError("not valid JSON (an empty element after record 0)") });
    expect((await read("")).error?.message).toBe("not valid JSON (the file ends inside its array, after record 0)");
  });

  it("refuses an element longer than its cap without holding more of it", async () => {
    const long = "x".repeat(5000);
    const { items, error } = await read(JSON.stringify([{ id: 1 }, { text: long }, { id: 3 }]), 256, 1024 * 1024 / 512);
    expect(items).toEqual([{ id: 1 }]);
    expect(error?.message).toMatch(/^record 2 is longer than/);
  });
});
