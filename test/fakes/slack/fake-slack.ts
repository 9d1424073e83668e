/**
 * A local stand-in for Slack: speaks the Web API wire format (POST /api/<method>, form-encoded or
 * JSON, Bearer token, `{ok: true, ...}`) and takes response_url posts (POST /respond/<id>).
 * Records everything, with arrival times, for tests and the bench.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { z } from "zod";

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

export const FAKE_BOT = { user_id: "UBOT", bot_id: "BBOT", team_id: "T0001", team: "Test team", user: "wq", url: "https://test.slack.com/" };

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  private readonly handlers = new Map<string, Handler>();
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = fake?.handle(req, raw) ?? { status: 404, body: { ok: false, error: "unknown_method" } };
        res.writeHead(answer.status, { "content-type": "application/json" });
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

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponsePost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolves once `check` holds (checked on every recorded request), or fails after `ms`. */
  async waitFor(check: () => boolean, ms = 3000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("FakeSlack.waitFor timed out")), ms);
      const waiter = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.handlers.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, raw: string): { status: number; body: Record<string, unknown> } {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    const at = performance.now();
    const respond = /^\/respond\/(.+)$/.exec(path);
    if (respond?.[1] && req.method === "POST") {
      this.responses.push({ id: respond[1], body: parseJsonObject(raw), at });
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
    this.notify();
    return { status: 200, body: this.answer(method, args) };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const handler = this.handlers.get(method);
    if (handler) return handler(args);
    if (method === "auth.test") return { ok: true, ...FAKE_BOT };
    if (method === "chat.postMessage") return { ok: true, channel: args.channel, ts: "1700000000.000100" };
    return { ok: true };
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
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
