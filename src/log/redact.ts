/**
 * Takes secrets out of what is about to be logged. Tokens reach logs inside error messages, request
 * options and URLs as often as under a key named "token", so both keys and text are scrubbed.
 */

const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|api[-_]?key|credential/i;

const SECRET_TEXT: Array<[RegExp, string]> = [
  // Slack bot, user, app, refresh and config tokens.
  [/\bx(?:ox[abposer]|app)-[A-Za-z0-9-]+/g, "[redacted]"],
  // Discord bot tokens: three base64url parts joined by dots, the first an encoded snowflake.
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, "[redacted]"],
  // "Bot <token>" and "Bearer <token>" headers, whatever the token looks like.
  [/\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]"],
  // Passwords in connection strings (postgres://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]+@/gi, "$1[redacted]@"],
  // Webhook and response_url paths carry their own credential.
  [/(hooks\.slack\.com\/(?:services|commands|actions)\/)[^\s"']+/g, "$1[redacted]"],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** The fields of an error worth a log line: what failed, where (call, method, URL) and the status. */
const ERROR_FIELDS = ["code", "status", "statusCode", "method", "url", "path", "rawError", "data", "cause", "original", "errors"] as const;

function errorObject(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  if (error.stack) out["stack"] = redactText(error.stack);
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ERROR_FIELDS) {
    if (fields[key] !== undefined) out[key] = scrub(fields[key], seen, depth + 1);
  }
  return out;
}

/**
 * A copy of `value` fit to log: secrets replaced, Errors turned into plain objects with their
 * call and status, cycles and deep nesting cut. Never throws, whatever it is given.
 */
export function scrub(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return typeof value === "function" ? "[function]" : value;
  if (seen.has(value)) return "[circular]";
  if (depth > 6) return "[nested too deep]";
  seen.add(value);
  try {
    if (value instanceof Error) return errorObject(value, seen, depth);
    if (value instanceof Date) return value.toISOString();
    if (value instanceof URL) return redactText(value.href);
    if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, seen, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && v !== "" ? "[redacted]" : scrub(v, seen, depth + 1);
    }
    return out;
  } catch {
    return "[unreadable]";
  }
}
