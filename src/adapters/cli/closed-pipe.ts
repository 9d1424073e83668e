/**
 * `wq search nhs | head -3`: once the reader has gone, the next write fails with EPIPE. That is
 * the reader saying "enough", not a failure of wq: end at once, quietly, with exit 0. Any other
 * write error is reported in one line with exit 1.
 */
import type { EventEmitter } from "node:events";

export function endQuietlyOnClosedPipe(streams: readonly EventEmitter[], exit: (code: number) => void = (code) => process.exit(code)): void {
  for (const stream of streams) {
    stream.on("error", (error: unknown) => {
      const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
      if (code === "EPIPE") return exit(0);
      // stderr may be the broken one: try it once, and never let this handler throw.
      try {
        process.stderr.write(`wq: cannot write output: ${error instanceof Error ? error.message : String(error)}\n`);
      } catch {
        // Nothing left to tell anyone with.
      }
      exit(1);
    });
  }
}
