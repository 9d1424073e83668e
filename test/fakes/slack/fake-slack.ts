/**
 * A local stand-in for Slack: speaks the Web API wire format (POST /api/<method>, form-encoded or
 * JSON, Bearer token, `{ok: true, ...}`) and takes response_url posts (POST /respond/<id>).
 * Records everything, with arrival times, for tests and the bench.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { z } from "zod";
import { SLACK_DOCUMENTED, slackRefusal } from "./block-kit.ts";
import { Waiters } from "../waiters.ts";
import { FakeSlackFiles } from "./fake-files.ts";

export interface ApiCall {
  method: string;
  token: string | null;
  /** Arguments with JSON-valued fields (blocks, unfurls, view) decoded. */
  args: Record<string, unknown>;
  at: number;
}

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

/** A message kept in a channel, as conversations.history returns it. */
export interface StoredMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** The token that posted it (whose workspace). */
  token: string | null;
}

/** An injected failure: Slack's error code, or a 429 with Retry-After. */
export interface Failure {
  error: string;
  /** HTTP status; 429 sends Retry-After. Default 200 (Slack's usual `{ok: false}`). */
  status?: number;
  retryAfter?: number;
  /** Only calls naming this channel fail. */
  channel?: string;
  /** How many calls fail (default: every one until cleared). */
  times?: number;
  /** Extra fields in the answer, e.g. `needed` for missing_scope. */
  extra?: Record<string, unknown>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A post Slack would refuse, with the error it gives: the fake refuses it too and keeps it here. */
export interface Refusal {
  method: string;
  error: string;
  args: Record<string, unknown>;
}

export const FAKE_BOT = { user_id: "UBOT", bot_id: "BBOT", team_id: "T0001", team: "Test team", user: "wq", url: "https://test.slack.com/" };

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** Posts refused for breaking a documented limit (see block-kit.ts); a test expecting none checks this. */
  readonly refused: Refusal[] = [];
  /** Messages posted with chat.postMessage, per channel, oldest first (threads included). */
  readonly channels = new Map<string, StoredMessage[]>();
  /** users.info answers: is_admin / is_owner per user id (everyone else is neither). */
  readonly users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  private readonly handlers = new Map<string, Handler>();
  /** What usergroups.list answers (a workspace's user groups, by id and handle). */
  usergroups: Array<{ id: string; handle: string; name: string; date_delete?: number }> = [];
  /** What users.list pages through. */
  members: Array<{ id: string; name: string; deleted?: boolean; is_bot?: boolean; profile?: { display_name?: string } }> = [];
  private readonly failures = new Map<string, Failure[]>();
  private clock = 1700000000;
  private readonly waiting = new Waiters("FakeSlack");
  /** Files uploaded through files.getUploadURLExternal / completeUploadExternal (fake-files.ts). */
  readonly uploads: FakeSlackFiles;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {
    this.uploads = new FakeSlackFiles(baseUrl);
  }

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      void readBody(req).then(async (bytes) => {
        const upload = /^\/upload\/(\w+)$/.exec(req.url ?? "")?.[1];
        if (upload && fake) {
          const done = await fake.uploads.receive(upload, req.headers["content-type"] ?? "", bytes);
          fake.notify();
          res.writeHead(done.status, { "content-type": "text/plain" });
          return void res.end(done.text);
        }
        const raw = bytes.toString("utf8");
        const answer = fake?.handle(req, raw) ?? { status: 404, body: { ok: false, error: "unknown_method" } };
        res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("FakeSlack did not get a port");
    fake = new FakeSlack(server, `http://127.0.0.1:${address.port}/`);
    return fake;
  }

  /** The Web API base for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}respond/${id}`;
  }

  /** Answer a Web API method with this instead of `{ok: true}`. */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Makes `method` fail as described (see Failure). */
  fail(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** A channel's top-level messages and thread replies, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    return this.channels.get(channel) ?? [];
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponsePost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /**
   * Resolves once `check` holds (checked on every recorded request). `ms` only ends a broken run:
   * it is generous so that a loaded machine never fails a test that is right; waiting for
   * something is fine, timing it is the bench's job.
   */
  waitFor(check: () => boolean, ms?: number): Promise<void> {
    return this.waiting.waitFor(check, ms);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.refused.length = 0;
    this.handlers.clear();
    this.failures.clear();
    this.channels.clear();
    this.users.clear();
    this.uploads.reset();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, raw: string): Answer {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    const at = performance.now();
    const respond = /^\/respond\/(.+)$/.exec(path);
    if (respond?.[1] && req.method === "POST") {
      const body = parseJsonObject(raw);
      const error = slackRefusal(body);
      if (error) {
        // A refused response_url post shows the user nothing, so it is not among the responses.
        this.refused.push({ method: `respond/${respond[1]}`, error, args: body });
        this.notify();
        return { status: 400, body: { ok: false, error } };
      }
      this.responses.push({ id: respond[1], body, at });
      this.notify();
      return { status: 200, body: { ok: true } };
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (!api?.[1] || req.method !== "POST") return { status: 404, body: { ok: false, error: "unknown_method" } };
    const method = api[1];
    const args = parseArgs(req.headers["content-type"] ?? "", raw);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof args.token === "string" ? args.token : null);
    this.calls.push({ method, token, args, at });
    const refusal = this.refusal(method, args);
    if (refusal) this.refused.push({ method, error: refusal, args });
    const answer = this.failure(method, args) ?? (refusal ? { status: 200, body: { ok: false, error: refusal } } : { status: 200, body: this.answer(method, args, token) });
    this.notify();
    return answer;
  }

  /** What Slack would refuse in a message-carrying call, as Slack's error code. */
  private refusal(method: string, args: Record<string, unknown>): string | null {
    switch (method) {
      case "chat.postMessage":
      case "chat.postEphemeral":
      case "chat.update":
        return slackRefusal(args);
      case "chat.unfurl": {
        const unfurls = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(args.unfurls);
        if (!unfurls.success) return "invalid_unfurls";
        for (const unfurl of Object.values(unfurls.data)) {
          const error = slackRefusal(unfurl);
          if (error) return error;
        }
        return null;
      }
      case "views.publish": {
        const view = z.record(z.string(), z.unknown()).safeParse(args.view);
        if (!view.success) return "invalid_arguments";
        return slackRefusal(view.data, SLACK_DOCUMENTED.homeBlocks) === null ? null : "invalid_arguments";
      }
      default:
        return null;
    }
  }

  private failure(method: string, args: Record<string, unknown>): Answer | null {
    const list = this.failures.get(method) ?? [];
    const failure = list.find((f) => f.channel === undefined || f.channel === args.channel);
    if (!failure) return null;
    if (failure.times !== undefined) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.set(method, list.filter((f) => f !== failure));
    }
    const status = failure.status ?? 200;
    const headers: Record<string, string> = status === 429 ? { "retry-after": String(failure.retryAfter ?? 1) } : {};
    return { status, headers, body: { ok: false, error: failure.error, ...(failure.extra ?? {}) } };
  }

  private answer(method: string, args: Record<string, unknown>, token: string | null): Record<string, unknown> {
    const handler = this.handlers.get(method);
    if (handler) return handler(args);
    const channel = typeof args.channel === "string" ? args.channel : "";
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const limit = Number(args.limit ?? 100) || 100;
    const shown = (m: StoredMessage): Record<string, unknown> => {
      const { channel: _c, token: _t, metadata, ...rest } = m;
      return { type: "message", user: FAKE_BOT.user_id, bot_id: FAKE_BOT.bot_id, ...rest, ...(withMetadata && metadata ? { metadata } : {}) };
    };
    switch (method) {
      case "auth.test":
        return { ok: true, ...FAKE_BOT };
      case "chat.postMessage": {
        const ts = `${this.clock++}.000100`;
        const message: StoredMessage = { ts, channel, text: String(args.text ?? ""), blocks: args.blocks, token };
        if (typeof args.thread_ts === "string") message.thread_ts = args.thread_ts;
        const metadata = z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).safeParse(args.metadata);
        if (metadata.success) message.metadata = metadata.data;
        this.channels.set(channel, [...this.messagesIn(channel), message]);
        return { ok: true, channel, ts, message: shown(message) };
      }
      case "conversations.history": {
        // Newest first; thread replies stay in their thread.
        const top = this.messagesIn(channel).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
        return { ok: true, messages: top.reverse().slice(0, limit).map(shown), has_more: top.length > limit };
      }
      case "conversations.replies": {
        const ts = String(args.ts ?? "");
        const all = this.messagesIn(channel);
        const parent = all.find((m) => m.ts === ts);
        if (!parent) return { ok: false, error: "thread_not_found" };
        const replies = all.filter((m) => m.thread_ts === ts && m.ts !== ts);
        return { ok: true, messages: [parent, ...replies].slice(0, limit).map(shown), has_more: false };
      }
      case "conversations.open": {
        // The DM with one user: the same channel every time, as Slack does.
        const users = String(args.users ?? "");
        if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: `D${users.slice(1)}` } };
      }
      case "usergroups.list":
        return { ok: true, usergroups: this.usergroups };
      case "users.list": {
        // Pages of `limit`, the cursor being the next index.
        const start = Number(args.cursor ?? 0) || 0;
        const size = Number(args.limit ?? 200) || 200;
        const next = start + size < this.members.length ? String(start + size) : "";
        return { ok: true, members: this.members.slice(start, start + size), response_metadata: { next_cursor: next } };
      }
      case "files.getUploadURLExternal":
        return this.uploads.getUploadURL(args);
      case "files.completeUploadExternal":
        return this.uploads.complete(args, token);
      case "users.info": {
        const user = String(args.user ?? "");
        const roles = this.users.get(user) ?? {};
        return { ok: true, user: { id: user, name: user.toLowerCase(), is_admin: roles.is_admin ?? false, is_owner: roles.is_owner ?? false, is_bot: false } };
      }
      default:
        return { ok: true };
    }
  }

  notify(): void {
    this.waiting.notify();
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

const JsonObject = z.record(z.string(), z.unknown());

function parseJsonObject(raw: string): Record<string, unknown> {
  return JsonObject.catch({}).parse(tryJson(raw));
}

/** The Web API client form-encodes arguments and JSON-stringifies objects and arrays among them. */
function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return parseJsonObject(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? (tryJson(value) ?? value) : value;
  }
  return args;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
