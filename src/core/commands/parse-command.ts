import type { CommandRequest } from "../../model/request.ts";

export type ParsedCommand = { ok: true; request: CommandRequest } | { ok: false; message: string };

const NAMES = ["search", "show", "latest", "status", "help", "subscribe", "subscriptions", "unsubscribe", "pause", "resume"] as const;

/** The text after `/wq` as a request; a mistake gets one line saying what to type instead. */
export function parseCommand(input: string): ParsedCommand {
  const text = input.trim().replace(/^\/?wq\b/i, "").trim();
  if (!text) return { ok: true, request: { name: "help" } };
  const space = text.search(/\s/);
  const name = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : text.slice(space + 1).trim();
  switch (name) {
    case "search":
    case "find":
      if (!rest) return { ok: false, message: "Say what to search for, e.g. /wq search xinjiang" };
      return { ok: true, request: { name: "search", query: rest, page: 1 } };
    case "show":
      if (!rest) return { ok: false, message: "Say which question, e.g. /wq show 2024-07-17/67 or /wq show <official link>" };
      return { ok: true, request: { name: "show", ref: rest, full: false } };
    case "latest": {
      const m = /^(\d+)\b\s*(.*)$/.exec(rest);
      const count = m ? Number(m[1]) : 5;
      if (count < 1 || count > 20) return { ok: false, message: "latest shows 1 to 20 answers, e.g. /wq latest 10" };
      return { ok: true, request: { name: "latest", count, query: (m ? m[2]! : rest).trim() } };
    }
    case "status":
    case "help":
      return { ok: true, request: { name } };
    case "subscribe":
      if (!rest) return { ok: false, message: "Say what to follow, e.g. /wq subscribe xinjiang every:daily" };
      return { ok: true, request: { name: "subscribe", text: rest, confirm: false } };
    case "subscriptions":
      return { ok: true, request: { name: "subscriptions" } };
    case "unsubscribe":
    case "pause":
    case "resume":
      if (!rest || /\s/.test(rest)) return { ok: false, message: `Say which subscription, by its id from /wq subscriptions, e.g. /wq ${name} 4f2a` };
      return { ok: true, request: { name, id: rest.toLowerCase() } };
    default:
      return { ok: false, message: `Unknown command "${name}". Commands: ${NAMES.join(", ")}; e.g. /wq search xinjiang` };
  }
}
