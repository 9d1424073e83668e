/**
 * The search index's inner parts at work: bitsets, the postings codec, the field slots behind
 * relevance, questions re-indexed under new numbers, filter sets kept up to date, result order.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/model/question.ts";
import { DocSet } from "../../src/core/search/doc-set.ts";
import { metaOf } from "../../src/core/search/documents.ts";
import { passes } from "../../src/core/search/filters.ts";
import { PostingsWriter, readPart, readPostings, PostingsFormatError } from "../../src/core/search/postings-codec.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { SearchIndex, type TextSource } from "../../src/core/search/search-index.ts";
import { openSnapshotFile, SnapshotError, writeSnapshotFile } from "../../src/core/search/snapshot-file.ts";
import { TokenIndex, HEADING, QUESTION, REST, tokenLine } from "../../src/core/search/token-index.ts";
import { answered, makeQuestion } from "../store/fixtures.ts";
import { docsFrame, docsOf, frameBytes, readSnapshot, writeSnapshot, type Frame, type Snapshot } from "../helpers/snapshot-frames.ts";

const textOf = (q: Question): string => [q.heading, q.questionText, q.answerText ?? "", q.answeringBody.name].join("\n");

function indexOf(questions: Question[], options: { compactEvery?: number } = {}): { index: SearchIndex; texts: TextSource; byId: Map<string, Question> } {
  const byId = new Map<string, Question>();
  const texts: TextSource = async (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, textOf(byId.get(id)!)] as const] : [])));
  const index = new SearchIndex(texts, options);
  for (const q of questions) byId.set(q.id, q);
  index.upsert(questions);
  return { index, texts, byId };
}

async function ids(index: SearchIndex, text: string, limit = 1000): Promise<string[]> {
  return (await index.search(parseQuery(text), 0, limit)).hits.map((h) => h.id);
}

describe("DocSet", () => {
  it("adds, removes, counts and lists numbers across word boundaries", () => {
    const set = DocSet.of(100, [0, 31, 32, 63, 64, 99]);
    expect(set.size).toBe(6);
    set.delete(32);
    expect(set.has(32)).toBe(false);
    expect([...set.toArray()]).toEqual([0, 31, 63, 64, 99]);
    const other = DocSet.of(100, [31, 64, 70]);
    expect([...set.and(other).toArray()]).toEqual([31, 64]);
    expect([...set.clone().orWith(other).toArray()]).toEqual([0, 31, 63, 64, 70, 99]);
    expect([...set.clone().andNotWith(other).toArray()]).toEqual([0, 63, 99]);
    expect(DocSet.full(33).size).toBe(33);
    expect(new DocSet(10).isEmpty()).toBe(true);
  });
});

describe("postings codec", () => {
  it("round-trips tokens, empty slots and unsorted numbers", () => {
    const writer = new PostingsWriter();
    writer.add("uighur", [[3, 1_000_000, 5], undefined, [0]]);
    writer.add("é", [[], [7], []]);
    const entries = readPostings(writer.take(), 2_000_000);
    expect(entries.map(([t, s]) => [t, [0, 1, 2].map((i) => Array.from(s[i] ?? []))])).toEqual([
      ["uighur", [[3, 1_000_000, 5], [], [0]]],
      ["é", [[], [7], []]],
    ]);
  });

  it("refuses bytes that are cut short, too long a count, or numbers past the documents", () => {
    const writer = new PostingsWriter();
    writer.add("solar", [[1, 2, 3], [], []]);
    const bytes = writer.take();
    expect(() => readPostings(bytes.subarray(0, bytes.length - 1), 10)).toThrow(PostingsFormatError);
    expect(() => readPostings(bytes, 3)).toThrow(/out of range/);
    // Token "a": a slot of 5 numbers in 2 bytes, then two empty slots.
    writer.addEncoded("a", Uint8Array.from([5, 2, 2, 2, 0, 0, 0, 0]));
    expect(() => readPart(writer.take(), 10)).toThrow(/shorter than its count/);
    writer.addEncoded("a", Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]));
    expect(() => readPart(writer.take(), 10)).toThrow(/too large/);
    // Slots that stop short of the token's bytes, or run past them.
    writer.addEncoded("a", Uint8Array.from([1, 1, 2, 0, 0, 0, 0, 9]));
    expect(() => readPart(writer.take(), 10)).toThrow(/do not fill/);
    writer.addEncoded("a", Uint8Array.from([1, 1, 2, 0, 0, 0]));
    expect(() => readPart(writer.take(), 10)).toThrow(PostingsFormatError);
  });

  it("refuses a part whose layout is broken: counts, texts or ends that do not agree", () => {
    const writer = new PostingsWriter();
    writer.add("solar", [[1], [], [2]]);
    writer.add("wind", [[], [3], []]);
    const part = Buffer.from(writer.take());
    expect(readPart(part, 10).map(([t]) => t)).toEqual(["solar", "wind"]);
    const changed = (change: (b: Buffer) => void): Buffer => {
      const b = Buffer.from(part);
      change(b);
      return b;
    };
    // Texts "solar\0wind" (10 bytes) from byte 8, the two ends from byte 20, postings after.
    expect(() => readPart(changed((b) => b.writeUInt32LE(3, 0)), 10)).toThrow(PostingsFormatError);
    expect(() => readPart(changed((b) => b.writeUInt32LE(1, 0)), 10)).toThrow(PostingsFormatError);
    expect(() => readPart(changed((b) => (b[13] = 0x20)), 10)).toThrow(/match their count/);
    expect(() => readPart(changed((b) => (b[9] = 0xff)), 10)).toThrow(/UTF-8/);
    expect(() => readPart(changed((b) => b.writeUInt32LE(b.readUInt32LE(24) + 1, 20)), 10)).toThrow(/out of place/);
    expect(() => readPart(changed((b) => b.writeUInt32LE(b.readUInt32LE(24) - 1, 24)), 10)).toThrow(PostingsFormatError);
    expect(() => readPart(Buffer.concat([part, Buffer.from([0])]), 10)).toThrow(/bytes after the last token/);
    expect(() => readPart(part.subarray(0, 7), 10)).toThrow(/cut short/);
    expect(() => readPart(Buffer.alloc(8), 10)).not.toThrow();
    expect(() => addZeroByte()).toThrow(/zero byte/);
  });

  it("writes a slot given as runs byte for byte as the runs joined", () => {
    const joined = new PostingsWriter();
    joined.add("solar", [[1, 5, 9, 700], [], [2, 3]]);
    const runs = new PostingsWriter();
    runs.addParts("solar", [[[1, 5], Int32Array.of(9), [], [700]], [], [[2], [3]]]);
    expect(Buffer.from(runs.take())).toEqual(Buffer.from(joined.take()));
  });

  it("reads a part in place however it is aligned in memory", () => {
    const writer = new PostingsWriter();
    writer.add("solar", [[1, 5], [], [2]]);
    const part = writer.take();
    const shifted = new Uint8Array(part.length + 1).subarray(1);
    shifted.set(part);
    expect(readPostings(shifted, 10).map(([t, s]) => [t, [0, 1, 2].map((i) => Array.from(s[i] ?? []))])).toEqual([["solar", [[1, 5], [], [2]]]]);
  });
});

function addZeroByte(): void {
  new PostingsWriter().add("a\0b", [[1], [], []]);
}

describe("a snapshot taken while questions are added", () => {
  it("holds no question number beyond the questions it holds", async () => {
    const { index } = indexOf(Array.from({ length: 6 }, (_, i) => makeQuestion({ id: String(i), heading: `Solar farms ${i}` })));
    let docs = 0;
    let highest = -1;
    await index.snapshot(async (item) => {
      if (item.kind === "docs") {
        docs += item.metas.length;
        return;
      }
      // A sync adds a question holding the same words while the writer is still at these tokens.
      index.upsert([makeQuestion({ id: "new", heading: "Solar farms again" })]);
      for (const [, slots] of item.entries) for (const runs of slots) for (const ids of runs) for (const n of Array.from(ids)) highest = Math.max(highest, n);
    });
    expect(docs).toBe(6);
    expect(highest).toBe(5);
  });
});

describe("snapshot frames", () => {
  const written = async (): Promise<{ path: string; texts: TextSource }> => {
    const { index, texts } = indexOf(Array.from({ length: 12 }, (_, i) => makeQuestion({ id: String(i), heading: `Solar farms ${i}` })));
    const path = join(mkdtempSync(join(tmpdir(), "wq-internals-")), "index");
    await writeSnapshotFile(path, { format: "t", storeId: "s", revision: 1 }, index);
    return { path, texts };
  };
  const restoring = async (path: string, texts: TextSource): Promise<SearchIndex> => SearchIndex.restore((await openSnapshotFile(path))!.items, texts);

  it("are refused when a byte of one is changed (their checksum), the questions' frames and the index parts alike", async () => {
    const { path, texts } = await written();
    const good = readFileSync(path);
    const snapshot = readSnapshot(path);
    for (const type of ["D", "P", "E"]) {
      const frame = snapshot.frames.find((f) => f.type === type)!;
      const at = good.indexOf(frame.payload) + Math.floor(frame.payload.length / 2);
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x10;
      writeFileSync(path, bad);
      await expect(restoring(path, texts), type).rejects.toThrow(/damaged/);
    }
  });

  it("are refused, never allocated, when a frame claims more bytes than a frame may hold, or is of no known kind", async () => {
    const { path, texts } = await written();
    const { header, frames } = readSnapshot(path);
    const huge = frameBytes(frames[0]!);
    huge.writeUInt32LE(0xffffffff, 1);
    writeFileSync(path, Buffer.concat([Buffer.from(header + "\n"), huge]));
    await expect(restoring(path, texts)).rejects.toThrow(/over the/);
    writeSnapshot(path, { header, frames: [{ type: "X", payload: Buffer.from("{}") }, ...frames] });
    await expect(restoring(path, texts)).rejects.toThrow(/neither/);
  });

  it("are refused when cut anywhere, or followed by anything", async () => {
    const { path, texts } = await written();
    const good = readFileSync(path);
    const header = good.indexOf(10) + 1;
    for (const length of [header, header + 4, header + 9, header + 20, good.length - 30, good.length - 1]) {
      writeFileSync(path, good.subarray(0, length));
      await expect(restoring(path, texts), String(length)).rejects.toThrow(SnapshotError);
    }
    writeFileSync(path, Buffer.concat([good, Buffer.from([0])]));
    await expect(restoring(path, texts)).rejects.toThrow(/after the trailer/);
  });

  it("are refused when their checksum is right but what they hold is not (a hostile file)", async () => {
    const { path, texts } = await written();
    const snapshot = readSnapshot(path);
    const docsAt = snapshot.frames.findIndex((f) => f.type === "D");
    const { json, places } = docsOf(snapshot.frames[docsAt]!.payload);
    const columns = json.columns;
    const withDocs = (frame: Frame): Snapshot => ({ ...snapshot, frames: snapshot.frames.map((f, i) => (i === docsAt ? frame : f)) });
    const refusedFor = async (frame: Frame, what: string): Promise<void> => {
      writeSnapshot(path, withDocs(frame));
      await expect(restoring(path, texts), what).rejects.toThrow(/questions after the 0th are malformed/);
    };
    // The fixture's frame as it is loads (so each refusal below is for its one change).
    writeSnapshot(path, withDocs(docsFrame(json, places)));
    expect((await restoring(path, texts)).size).toBe(12);
    await refusedFor(docsFrame({ ...json, columns: { ...columns, id: 5 } }, places), "an id column of a number");
    await refusedFor(docsFrame({ ...json, columns: { ...columns, house: "Commons\u007fSenate" } }, places), "a house no schema allows");
    await refusedFor(docsFrame({ ...json, columns: { ...columns, namedDay: ["yes"] } }, places), "a named-day flag of a string");
    await refusedFor(docsFrame({ ...json, columns: { ...columns, status: undefined } }, places), "a missing field");
    await refusedFor(docsFrame({ ...json, count: json.count + 1 }, places), "more questions than places");
    await refusedFor(docsFrame(json, places.subarray(2)), "fewer places than questions");
    // The first question's id (field 0) pointing past the ids, and its asker (a field that is never null) at the null place.
    const pastIds = Buffer.from(places);
    pastIds.writeUInt16LE(json.count + 5, 0);
    await refusedFor(docsFrame(json, pastIds), "an id past the ids");
    const askerAt = Object.keys(columns).indexOf("asker");
    const nullAsker = Buffer.from(places);
    nullAsker.writeUInt16LE(0xffff, 2 * askerAt * json.count);
    await refusedFor(docsFrame(json, nullAsker), "a null asker");
    const notJson = docsFrame(json, places);
    notJson.payload.write("{", 4);
    notJson.payload.write("!", 5);
    await refusedFor(notJson, "JSON broken");
  });

  it("are refused when an index part's checksum is right but its layout is not", async () => {
    const { path, texts } = await written();
    const snapshot = readSnapshot(path);
    const partAt = snapshot.frames.findIndex((f) => f.type === "P");
    const payload = Buffer.from(snapshot.frames[partAt]!.payload);
    payload.writeUInt32LE(payload.readUInt32LE(0) + 1, 0);
    writeSnapshot(path, { ...snapshot, frames: snapshot.frames.map((f, i) => (i === partAt ? { type: "P", payload } : f)) });
    await expect(restoring(path, texts)).rejects.toThrow(/index part 1 is malformed/);
  });

  it("are refused when questions come after the index parts (whose numbers are checked against those before them)", async () => {
    const { path, texts } = await written();
    const snapshot = readSnapshot(path);
    const docs = snapshot.frames.filter((f) => f.type === "D");
    const rest = snapshot.frames.filter((f) => f.type !== "D");
    writeSnapshot(path, { ...snapshot, frames: [...rest.slice(0, -1), ...docs, rest.at(-1)!] });
    await expect(restoring(path, texts)).rejects.toThrow(/questions follow the index parts/);
  });

  it("are refused when the trailer's counts differ from the file's, or it is missing", async () => {
    const { path, texts } = await written();
    const snapshot = readSnapshot(path);
    const trailer = JSON.parse(snapshot.frames.at(-1)!.payload.toString()) as { docs: number };
    writeSnapshot(path, { ...snapshot, frames: [...snapshot.frames.slice(0, -1), { type: "E", payload: Buffer.from(JSON.stringify({ ...trailer, docs: trailer.docs + 1 })) }] });
    await expect(restoring(path, texts)).rejects.toThrow(/counts/);
    writeSnapshot(path, { ...snapshot, frames: [...snapshot.frames.slice(0, -1), { type: "E", payload: Buffer.from("[]") }] });
    await expect(restoring(path, texts)).rejects.toThrow(/trailer is malformed/);
    writeSnapshot(path, { ...snapshot, frames: snapshot.frames.slice(0, -1) });
    await expect(restoring(path, texts)).rejects.toThrow(/cut short/);
  });
});

describe("field slots", () => {
  it("files each token once, in the field it first stands in", () => {
    const index = new TokenIndex();
    index.add(0, tokenLine({ heading: ["solar"], question: ["solar", "panel"], rest: ["panel", "roof"] }));
    index.add(1, tokenLine({ heading: [], question: [], rest: ["solar"] }));
    const slots = (token: string): number[][] => [HEADING, QUESTION, REST].map((s) => (index.postings(token)[s] ?? []).flatMap((ids) => Array.from(ids)));
    expect(slots("solar")).toEqual([[0], [], [1]]);
    expect(slots("panel")).toEqual([[], [0], []]);
    expect(slots("roof")).toEqual([[], [], [0]]);
    expect(slots("absent")).toEqual([[], [], []]);
  });

  it("weighs a word in the question text above one only in the answer", async () => {
    const inAnswer = answered(makeQuestion({ id: "1", heading: "Roads", questionText: "To ask about roads." }), "Tunnels are planned.", "2026-11-20");
    const inQuestion = answered(makeQuestion({ id: "2", heading: "Roads", questionText: "To ask about tunnels." }), "Roads are planned.", "2026-01-20");
    const { index } = indexOf([inAnswer, inQuestion]);
    expect(await ids(index, "tunnels")).toEqual(["2", "1"]);
  });
});

describe("a changed question", () => {
  const base = (id: string, over: Partial<Question> = {}): Question => makeQuestion({ id, questionText: `To ask about item ${id}.`, ...over });

  it("is found by its new words only, counted once, and keeps filters right", async () => {
    const { index } = indexOf([base("1", { heading: "Quokkas" }), base("2", { heading: "Quokkas" })]);
    index.upsert([answered(base("1", { heading: "Wombats" }), "Wombats thrive.")]);
    expect(index.size).toBe(2);
    expect(await ids(index, "quokkas")).toEqual(["2"]);
    expect(await ids(index, "wombats")).toEqual(["1"]);
    expect((await index.search(parseQuery("item"), 0, 10)).total).toBe(2);
    expect(await ids(index, "status:answered")).toEqual(["1"]);
    expect((await ids(index, "house:lords")).sort()).toEqual(["1", "2"]);
  });

  it("leaves the snapshot without its old number, and the restored index answers the same", async () => {
    const questions = Array.from({ length: 30 }, (_, i) => base(String(i), { heading: i % 2 ? "Quokkas" : "Wombats", dateTabled: `2026-01-${String((i % 28) + 1).padStart(2, "0")}` }));
    const { index, texts, byId } = indexOf(questions);
    const changed = [base("3", { heading: "Wombats", questionText: "To ask about forced labour." }), base("4", { heading: "Quokkas" })];
    for (const q of changed) byId.set(q.id, q);
    index.upsert(changed);
    const path = join(mkdtempSync(join(tmpdir(), "wq-internals-")), "index");
    await writeSnapshotFile(path, { format: "t", storeId: "s", revision: 1 }, index);
    const reader = (await openSnapshotFile(path))!;
    const restored = await SearchIndex.restore(reader.items, texts);
    expect(restored.size).toBe(30);
    for (const q of ["quokkas", "wombats", '"forced labour"', "wombats sort:oldest", "house:lords -quokkas", "tabled:2026-01-03..2026-01-09"]) {
      const expected = await ids(index, q);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(await ids(restored, q), q).toEqual(expected);
    }
    // Loaded postings take new questions and changes like built ones.
    const wombats = (await ids(restored, "wombats")).length;
    restored.upsert([base("new", { heading: "Wombats" }), base("5", { heading: "Wombats" })]);
    expect((await ids(restored, "wombats")).length).toBe(wombats + 2);
    expect(await ids(restored, "wombats")).toContain("new");
    expect(await ids(restored, "quokkas")).not.toContain("5");
    // And a snapshot of that (loaded postings and new ones joined) loads into the same index again.
    await writeSnapshotFile(path, { format: "t", storeId: "s", revision: 2 }, restored);
    const again = await SearchIndex.restore((await openSnapshotFile(path))!.items, texts);
    expect(again.size).toBe(31);
    for (const q of ["wombats", "quokkas", "wombats sort:oldest", "house:lords -quokkas"]) expect(await ids(again, q), q).toEqual(await ids(restored, q));
  });
});

describe("compacting the postings while building", () => {
  it("answers every kind of query as an index never compacted does, before and after a snapshot and changes", async () => {
    const heading = ["Quokkas", "Wombats", "Forced Labour: Xinjiang", "Nurses and Midwives"];
    const questions = Array.from({ length: 41 }, (_, i) => {
      const q = makeQuestion({
        id: String(i),
        heading: heading[i % 4]!,
        questionText: `To ask about item ${i}${i % 3 ? " and forced labour" : ""}${i % 5 ? "; nurses" : ""}.`,
        dateTabled: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
        answeringBody: i % 2 ? { id: 17, name: "Department of Health and Social Care" } : { id: 1, name: "Home Office" },
      });
      return i % 4 === 0 ? answered(q, `Labour markets answer ${i}.`, "2026-02-02") : q;
    });
    const queries = ["quokkas", "wombats", '"forced labour"', "nurses OR midwives", "(nurses OR quokkas) -wombats", "labour dept:dhsc", "item sort:oldest", "status:answered", "tabled:2026-01-03..2026-01-09 item"];
    // Compacted after every 3 questions, so most postings are typed arrays joined many times over.
    const compacted = indexOf(questions, { compactEvery: 3 });
    const plain = indexOf(questions);
    for (const q of queries) {
      const expected = await ids(plain.index, q);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(await ids(compacted.index, q), q).toEqual(expected);
    }
    // Changes after compaction: a question moves to new words and its old number is retired.
    const changed = answered(makeQuestion({ id: "1", heading: "Wombats", questionText: "To ask about wombats." }), "Quokkas are fine.", "2026-03-01");
    for (const side of [compacted, plain]) {
      side.byId.set("1", changed);
      side.index.upsert([changed]);
    }
    for (const q of queries) expect(await ids(compacted.index, q), q).toEqual(await ids(plain.index, q));
    // Its snapshot loads into an index that answers the same.
    const path = join(mkdtempSync(join(tmpdir(), "wq-compact-")), "index");
    await writeSnapshotFile(path, { format: "t", storeId: "s", revision: 1 }, compacted.index);
    const restored = await SearchIndex.restore((await openSnapshotFile(path))!.items, compacted.texts);
    for (const q of queries) expect(await ids(restored, q), q).toEqual(await ids(plain.index, q));
  });
});

describe("filter sets kept up to date", () => {
  it("answer as checking every question would, after questions change", async () => {
    const bodies = [
      { id: 1, name: "Home Office" },
      { id: 17, name: "Department of Health and Social Care" },
    ];
    const make = (i: number, round: number): Question => {
      const q = makeQuestion({
        id: String(i),
        house: (i + round) % 3 ? "Commons" : "Lords",
        answeringBody: bodies[(i + round) % 2]!,
        // One rare asker: a filter that small is checked question by question, the rest as bitsets.
        askingMember: { id: i, name: i === 7 ? "Zed Rare" : ["Ada Lovelace", "Bea Smith", "Cy Jones", "Di Brown", "Ed Green"][(i * 7 + round) % 5]!, party: "Labour" },
        dateTabled: `2025-0${1 + ((i + round) % 9)}-1${i % 10}`,
      });
      return (i + round) % 4 === 0 ? answered(q, "An answer.", `2025-10-${10 + (i % 9)}`) : q;
    };
    const { index } = indexOf(Array.from({ length: 200 }, (_, i) => make(i, 0)));
    const current = new Map(Array.from({ length: 200 }, (_, i) => [String(i), make(i, 0)]));
    for (const round of [1, 2]) {
      const changed = Array.from({ length: 20 }, (_, k) => make(k * 3 + round, round));
      index.upsert(changed);
      for (const q of changed) current.set(q.id, q);
    }
    for (const text of ["dept:home", "dept:dhsc house:commons", "house:lords", "status:answered", "status:unanswered", "asker:jones", "tabled:2025-03..2025-06", "answered:2025-10-12..", "house:commons status:unanswered tabled:<2025-05-01", "asker:smith house:lords", "asker:rare", "asker:rare house:commons", "asker:rare status:unanswered"]) {
      const query = parseQuery(`${text} sort:newest`);
      const expected = [...current.values()].filter((q) => passes(metaOf(q), query.filters)).map((q) => q.id);
      expect((await ids(index, `${text} sort:newest`)).sort(), text).toEqual(expected.sort());
    }
  });
});

describe("result order", () => {
  it("pages through a date sort and a relevance sort without gaps or repeats", async () => {
    const questions = Array.from({ length: 300 }, (_, i) =>
      makeQuestion({ id: String(i), heading: i % 3 ? "Roads" : "Roads and tunnels", questionText: `To ask about tunnels ${i}.`, dateTabled: `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, "0")}` }),
    );
    const { index } = indexOf(questions);
    for (const text of ["tunnels", "house:lords sort:oldest", "roads sort:newest"]) {
      const all = await ids(index, text, 1000);
      const pages: string[] = [];
      for (let offset = 0; offset < all.length; offset += 7) pages.push(...(await index.search(parseQuery(text), offset, 7)).hits.map((h) => h.id));
      expect(pages, text).toEqual(all);
      expect(new Set(all).size, text).toBe(all.length);
    }
    // Newest first among equal scores, and the heading match (a third of them) above the rest.
    const top = await ids(index, "tunnels", 100);
    expect(top.every((id) => Number(id) % 3 === 0)).toBe(true);
    const days = top.map((id) => questions[Number(id)]!.dateTabled);
    expect(days).toEqual([...days].sort().reverse());
  });
});
