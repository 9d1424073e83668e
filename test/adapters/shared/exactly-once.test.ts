import { describe, expect, it } from "vitest";
import { channelOf, findPosted, type PostedLookup } from "../../../src/adapters/shared/exactly-once.ts";

/** Messages as [id, key] pairs; `threads` maps a parent id to its thread's messages. */
function lookup(channel: Array<[string, string]>, threads: Record<string, Array<[string, string]>> = {}): PostedLookup<Array<[string, string]>> & { threadsRead: string[] } {
  const threadsRead: string[] = [];
  return {
    threadsRead,
    recent: async () => channel,
    thread: async (parentId) => (threadsRead.push(parentId), threads[parentId] ?? null),
    find: (messages, key) => messages.find(([, k]) => k === key)?.[0] ?? null,
  };
}

describe("findPosted: where an alert already posted is looked for", () => {
  it("finds a top-level item among the channel's recent messages, and reads no thread", async () => {
    const l = lookup([["m1", "a"], ["m2", "b"]]);
    expect(await findPosted({ key: "b", parentKey: null }, l)).toBe("m2");
    expect(await findPosted({ key: "c", parentKey: null }, l)).toBeNull();
    expect(l.threadsRead).toEqual([]);
  });

  it("finds a thread item in the thread under its parent, the parent found by its own key", async () => {
    const l = lookup([["p1", "digest"]], { p1: [["t1", "item-1"], ["t2", "item-2"]] });
    expect(await findPosted({ key: "item-2", parentKey: "digest" }, l)).toBe("t2");
    expect(l.threadsRead).toEqual(["p1"]);
  });

  it("finds a thread item posted as a reply in the channel itself without reading the thread", async () => {
    const l = lookup([["p1", "digest"], ["r1", "item-1"]], { p1: [] });
    expect(await findPosted({ key: "item-1", parentKey: "digest" }, l)).toBe("r1");
    expect(l.threadsRead).toEqual([]);
  });

  it("answers null when the parent is not found or has no thread", async () => {
    expect(await findPosted({ key: "item-1", parentKey: "digest" }, lookup([["x", "other"]]))).toBeNull();
    expect(await findPosted({ key: "item-1", parentKey: "digest" }, lookup([["p1", "digest"]]))).toBeNull();
  });
});

describe("channelOf", () => {
  it("gives the channel of the poster's own platform and refuses another's item", () => {
    expect(channelOf({ channel: { platform: "slack", workspaceId: "T1", channelId: "C1" } }, "slack")).toBe("C1");
    expect(() => channelOf({ channel: { platform: "slack", workspaceId: "T1", channelId: "C1" } }, "discord")).toThrow(/discord poster got an item for slack/);
  });
});
