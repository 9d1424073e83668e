/**
 * The snapshot file's framing, read and written independently of src/core/search/snapshot-file.ts,
 * so tests can take a real snapshot apart and put it back damaged: cut, reordered, or with a
 * frame whose checksum is right but whose contents are not (a hostile file, not a damaged one).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { crc32 } from "node:zlib";

export interface Frame {
  /** "D" questions, "P" an index part, "E" the trailer. */
  type: string;
  payload: Buffer;
}

export interface Snapshot {
  header: string;
  frames: Frame[];
}

export function readSnapshot(path: string): Snapshot {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(10);
  const frames: Frame[] = [];
  let at = newline + 1;
  while (at < bytes.length) {
    const length = bytes.readUInt32LE(at + 1);
    const payload = Buffer.from(bytes.subarray(at + 9, at + 9 + length));
    if (crc32(payload) !== bytes.readUInt32LE(at + 5)) throw new Error("the fixture snapshot is damaged");
    frames.push({ type: String.fromCharCode(bytes[at]!), payload });
    at += 9 + length;
  }
  return { header: bytes.toString("utf8", 0, newline), frames };
}

/** A frame as the file holds it: its checksum computed over the payload, unless one is given. */
export function frameBytes({ type, payload }: Frame, crc = crc32(payload)): Buffer {
  const head = Buffer.alloc(9);
  head[0] = type.charCodeAt(0);
  head.writeUInt32LE(payload.length, 1);
  head.writeUInt32LE(crc, 5);
  return Buffer.concat([head, payload]);
}

export function snapshotBytes({ header, frames }: Snapshot): Buffer {
  return Buffer.concat([Buffer.from(header + "\n"), ...frames.map((f) => frameBytes(f))]);
}

export function writeSnapshot(path: string, snapshot: Snapshot): void {
  writeFileSync(path, snapshotBytes(snapshot));
}

/** A docs frame's JSON and its places (one u16 array per field, in the file's order). */
export function docsOf(payload: Buffer): { json: { count: number; columns: Record<string, unknown> }; places: Buffer } {
  const length = payload.readUInt32LE(0);
  const json = JSON.parse(payload.toString("utf8", 4, 4 + length)) as { count: number; columns: Record<string, unknown> };
  const placesAt = 4 + length + ((4 + length) % 2);
  return { json, places: Buffer.from(payload.subarray(placesAt)) };
}

/** A docs frame from its JSON and places, laid out as the file holds one. */
export function docsFrame(json: unknown, places: Buffer): Frame {
  const text = Buffer.from(JSON.stringify(json));
  const pad = (4 + text.length) % 2;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(text.length, 0);
  return { type: "D", payload: Buffer.concat([length, text, Buffer.alloc(pad), places]) };
}
