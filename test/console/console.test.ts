import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/console.ts";
import { renderReply, ansiStyle } from "../../src/adapters/shared/terminal-reply.ts";
import { errorReply } from "../../src/model/reply.ts";
import { seededCore, type SeededCore } from "../helpers/core.ts";

let seeded: SeededCore;
beforeAll(async () => {
  seeded = await seededCore();
});
afterAll(() => seeded.close());

/** Types the lines into a console session and returns everything it printed. */
async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const done = runConsole(seeded.core, input, output);
  input.end(lines.map((l) => l + "\n").join(""));
  await done;
  return printed;
}

describe("the terminal console", () => {
  it("opens with help, runs /wq commands and follows the last reply's buttons", async () => {
    const out = await session(["/wq search tabled:2020..2030", "next", "full 1", "prev", "quit"]);
    expect(out).toMatch(/^wq: UK Parliament written questions and answers/);
    expect(out).toContain("11 results for tabled:2020..2030");
    expect(out).toContain("Showing 6–10, page 2 of 3.");
    expect(out).toContain("Showing 1–5, page 1 of 3.");
    expect(out).toMatch(/Answer:|Not answered yet\.|Holding answer:|Corrected answer:/);
  });

  it("says so when a shortcut has nothing to act on, and survives bad input", async () => {
    const out = await session(["next", "search \"unclosed", "show 2099-01-01/1"]);
    expect(out).toContain("Nothing to do: no such button on the last reply.");
    expect(out).toContain("Error: A quote is not closed");
    expect(out).toContain("Error: No question 2099-01-01/1 is held");
  });
});

describe("the terminal renderer", () => {
  it("strips control characters from text wq did not write", () => {
    const text = renderReply(errorReply("bad \x1b[31mred\x1b[0m input"));
    expect(text).not.toContain("\x1b");
  });

  it("marks matched words in bold on a terminal", async () => {
    const reply = await seeded.core.run("search biometrics", { platform: "console", userId: "t" });
    expect(renderReply(reply, ansiStyle(100))).toContain("\x1b[1mbiometrics\x1b[22m");
  });
});

describe("a single question in the terminal", () => {
  it("prints its title once", async () => {
    const reply = await seeded.core.run("show 1747122", { platform: "console", userId: "t" });
    const text = renderReply(reply);
    expect(text.split("Human Rights: Xinjiang").length - 1).toBe(1);
  });
});
