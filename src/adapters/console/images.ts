/**
 * A reply's pictures (a trend chart) in a terminal: written as PNG files into a folder of this
 * session's own under the system's temp folder, so the console can print where to open them.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReplyImage } from "../../model/reply.ts";

/** Saves images into one folder (made on first use), each under a new numbered name; returns their paths. */
export function imageSaver(folder?: string): (images: readonly ReplyImage[]) => Promise<string[]> {
  let dir: Promise<string> | null = folder ? Promise.resolve(folder) : null;
  let n = 0;
  return async (images) => {
    dir ??= mkdtemp(join(tmpdir(), "wq-charts-"));
    const where = await dir;
    const paths: string[] = [];
    for (const image of images) {
      if ("path" in image.png) {
        paths.push(image.png.path);
        continue;
      }
      const path = join(where, `${++n}-${image.name.replace(/[^\w.-]+/g, "_")}`);
      await writeFile(path, Buffer.from(image.png.base64, "base64"));
      paths.push(path);
    }
    return paths;
  };
}
