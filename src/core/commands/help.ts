import { z } from "zod";
import { infoReply, type Reply } from "../../model/reply.ts";
import type { CommandSyntax } from "../core.ts";
import { defineCommand, ok, type Command } from "./command.ts";

/** The query language, as `/wq help`, README and the Slack Home tab show it. */
export const QUERY_SYNTAX = `Words: all must match, in any form of the word (nursing finds nurses; homeless does not find home; "uighurs" finds Uighur and Uyghur). AND between words changes nothing.
"exact phrase": the words together, in order (also inside hyphenated words).
-word, -"a phrase" or -(a OR b): leave out questions that contain it.
a OR b: either word (OR joins the words either side of it).
(a OR b) c, (a b) OR "c d": brackets group words, e.g. (nurses OR midwives) -agency dept:dhsc
Filters (combine freely, outside brackets; a filter alone is a query):
  dept:dhsc   a department by abbreviation (fcdo, dhsc, mod, dfe, dwp, ...), name fragment (health) or id (17); renamed departments include their old names
  asker:shannon   answerer:streeting   a member's name or part of it; quote names with spaces: asker:"Jim Shannon"
  house:commons or house:lords
  status:answered | unanswered | holding | corrected | withdrawn
  status:overdue   no substantive answer (a holding answer does not count), past its date for answer
  due:2025-07-22   the date for answer, with the syntax of tabled: (due:<2025-08-01, due:2025-07)
  named:yes | no   named-day questions or the others
  tabled:2024-07-25 (a day)   answered:2024-07 (a month)   answered:2024 (a year)   answered:2024-01-01..2024-03-31 (both ends included)   tabled:2024-06.. or tabled:..2024-06 (open)
  tabled:>2024-06-01 after that day, >= from that day; answered:<2024-06 before June, <= up to its end
  uin:12345
  sort:relevance | newest | oldest   (words sort by relevance: rarer words and heading matches first, then newest; filters alone by newest)
Up to 500 characters and 24 different words or phrases. A search that runs over 1 s is stopped: narrow it.`;

/**
 * The help text, generated from the table: one line per command this platform offers (its syntax
 * from the adapter), the query language, then each command's examples.
 */
export function helpReply(commands: readonly Command[], syntax: CommandSyntax = (name) => `/wq ${name}`): Reply {
  const lines: string[] = [];
  const examples: string[] = [];
  for (const command of commands) {
    const typed = syntax(command.name);
    if (typed === null) continue;
    lines.push(`${typed}${command.usage ? ` ${command.usage}` : ""}: ${command.summary}`);
    examples.push(...command.examples.map((e) => `${typed} ${e}`));
  }
  return infoReply(
    "wq: UK Parliament written questions and answers",
    `${lines.join("\n")}\n\nQuery syntax:\n${QUERY_SYNTAX}\n\nExamples:\n${examples.join("\n")}\n\nContains Parliamentary information licensed under the Open Parliament Licence v3.0.`,
  );
}

export const help = defineCommand({
  name: "help",
  usage: "",
  summary: "this text.",
  args: z.object({}),
  parse: () => ok({}),
  run: (_args, deps, ctx) => helpReply(deps.commands, ctx.syntax),
});
