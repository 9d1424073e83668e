import { describe, expect, it } from "vitest";
import { META_PREFIX, decodeCustomId, encodeCustomId } from "../../src/adapters/discord/custom-id.ts";
import { LIMITS } from "../../src/adapters/discord/limits.ts";

function memoryMeta() {
  const map = new Map<string, string>();
  return {
    map,
    async getMeta(key: string) {
      return map.get(key) ?? null;
    },
    async setMeta(key: string, value: string) {
      map.set(key, value);
    },
  };
}

describe("custom_id", () => {
  it("carries a short request inline and reads it back", async () => {
    const store = memoryMeta();
    const id = await encodeCustomId({ effect: "replace", request: { name: "search", query: "xinjiang", page: 2 } }, store);
    expect(id).toBe('wq:r:{"name":"search","query":"xinjiang","page":2}');
    expect(store.map.size).toBe(0);
    expect(await decodeCustomId(id, store)).toEqual({ ok: true, action: { effect: "replace", request: { name: "search", query: "xinjiang", page: 2 } } });
  });

  it("stores a request too long for 100 characters under a content key, once", async () => {
    const store = memoryMeta();
    const request = { name: "search" as const, query: `dept:"Foreign, Commonwealth and Development Office" ${"x".repeat(80)}`, page: 3 };
    const id = await encodeCustomId({ effect: "replace", request }, store);
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(id).toMatch(/^wq:r#[A-Za-z0-9_-]{22}$/);
    expect([...store.map.keys()][0]?.startsWith(META_PREFIX)).toBe(true);
    expect(await encodeCustomId({ effect: "public", request }, store)).toMatch(/^wq:s#/);
    expect(store.map.size).toBe(1);
    expect(await decodeCustomId(id, store)).toEqual({ ok: true, action: { effect: "replace", request } });
  });

  it("uses the inline form up to exactly 100 characters", async () => {
    const store = memoryMeta();
    const base = 'wq:r:{"name":"search","query":"","page":2}'.length;
    const fits = await encodeCustomId({ effect: "replace", request: { name: "search", query: "q".repeat(100 - base), page: 2 } }, store);
    expect(fits).toHaveLength(100);
    expect(fits.startsWith("wq:r:{")).toBe(true);
    const over = await encodeCustomId({ effect: "replace", request: { name: "search", query: "q".repeat(101 - base), page: 2 } }, store);
    expect(over.startsWith("wq:r#")).toBe(true);
  });

  it("each effect gets its letter; buttons of versions before effects still read by their kind's letter", async () => {
    const store = memoryMeta();
    const request = { name: "subscribe" as const, text: "xinjiang every:daily", confirm: true };
    for (const [effect, letter] of [["replace", "r"], ["private", "f"], ["public", "s"]] as const) {
      const id = await encodeCustomId({ effect, request }, store);
      expect(id.startsWith(`wq:${letter}:`)).toBe(true);
      expect(await decodeCustomId(id, store)).toEqual({ ok: true, action: { effect, request } });
    }
    for (const [letter, effect] of [["n", "replace"], ["p", "replace"], ["c", "replace"]] as const)
      expect(await decodeCustomId(`wq:${letter}:${JSON.stringify(request)}`, store)).toEqual({ ok: true, action: { effect, request } });
    expect((await decodeCustomId(`wq:snooze:${JSON.stringify(request)}`, store)).ok).toBe(false);
  });

  it("refuses unknown, missing and malformed actions", async () => {
    const store = memoryMeta();
    expect((await decodeCustomId("other:thing", store)).ok).toBe(false);
    expect((await decodeCustomId("wq:n#missingkey", store)).ok).toBe(false);
    expect((await decodeCustomId('wq:r:{"name":"Drop Tables"}', store)).ok).toBe(false);
    expect((await decodeCustomId("wq:n:not json", store)).ok).toBe(false);
    expect((await decodeCustomId('wq:z:{"name":"help"}', store)).ok).toBe(false);
  });
});
