import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import type { CommandContext, Core } from "../../core/index.ts";
import type { Action, Reply } from "../../model/reply.ts";
import { ansiStyle, plainStyle, renderReply } from "../shared/terminal-reply.ts";
import { imageSaver } from "./images.ts";

const ctx: CommandContext = { platform: "console", userId: "console" };

/** The action a console shortcut ("next", "prev", "full 2") names on the last reply, if any. */
export function actionFor(input: string, last: Reply | null): Action | null | undefined {
  const m = /^(next|n|prev|previous|p|full|f)(?:\s+(\d+))?$/i.exec(input.trim());
  if (!m) return undefined;
  if (!last) return null;
  const word = m[1]!.toLowerCase();
  if (word.startsWith("n")) return last.actions.find((a) => a.kind === "next") ?? null;
  if (word.startsWith("p")) return last.actions.find((a) => a.kind === "previous") ?? null;
  const n = m[2] ? Number(m[2]) : 1;
  const card = last.cards[n - 1];
  return card?.actions.find((a) => a.kind === "full") ?? null;
}

/** The interactive console: `/wq` commands typed at a prompt, replies rendered for a terminal. */
export async function runConsole(core: Core, input: Readable, output: Writable & { isTTY?: boolean; columns?: number }): Promise<void> {
  const style = output.isTTY ? ansiStyle(Math.min(output.columns ?? 100, 120)) : plainStyle;
  const rl = createInterface({ input, output, terminal: Boolean(output.isTTY) });
  // Take the iterator now: lines typed (or piped) while help is printed would otherwise be lost.
  const lines = rl[Symbol.asyncIterator]();
  const print = (text: string): void => void output.write(text + "\n\n");
  print(renderReply(await core.run("help", ctx), style));
  print("Type a command such as /wq search xinjiang (the /wq is optional); quit or Ctrl-D to leave.");
  let last: Reply | null = null;
  const saveImages = imageSaver();
  rl.setPrompt("wq> ");
  rl.prompt();
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    const text = line.trim();
    if (text === "quit" || text === "exit") break;
    if (text) {
      const action = actionFor(text, last);
      if (action === null) print("Nothing to do: no such button on the last reply.");
      else {
        const reply = action ? await core.execute(action.request, ctx) : await core.run(text, ctx);
        if (reply.kind !== "error") last = reply;
        print(renderReply(reply, style));
        // A terminal shows no pictures: the chart is a file to open, its numbers are in the text.
        if (reply.images?.length) print((await saveImages(reply.images)).map((path) => `Chart: ${path}`).join("\n"));
      }
    }
    rl.prompt();
  }
  rl.close();
}
