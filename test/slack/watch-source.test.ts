import { expect, it } from "vitest";
import { sourceMessageOf } from "../../src/adapters/slack/watch-source.ts";

it("takes a watch's thread from the public message a button was on, its root when in a thread, and none from an ephemeral one", () => {
  expect(sourceMessageOf({ container: { message_ts: "1.1" }, message: { ts: "1.1" } })).toEqual({ id: "1.1", public: true });
  expect(sourceMessageOf({ container: { message_ts: "2.2" }, message: { ts: "2.2", thread_ts: "1.1" } })).toEqual({ id: "1.1", public: true });
  expect(sourceMessageOf({ container: { message_ts: "3.3", is_ephemeral: true } })).toEqual({ id: "3.3", public: false });
  expect(sourceMessageOf({ container: { type: "view" } })).toBeUndefined();
  expect(sourceMessageOf("nonsense")).toBeUndefined();
});
