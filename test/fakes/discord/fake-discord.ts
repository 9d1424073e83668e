/**
 * A fake of Discord's REST API and gateway on one loopback port, enough for a real discord.js
 * Client to log in, become ready and receive interactions, and for tests to see what it sends.
 * REST base: `${fake.apiUrl}` (discord.js adds /v10); GET /gateway/bot points at our WebSocket.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { discordRefusal, type InvalidFormBody } from "./message-limits.ts";
import { parseDiscordBody, type UploadedFile } from "./multipart.ts";

export const APP_ID = "111111111111111111";
export const BOT_ID = "222222222222222222";
export const GUILD_ID = "333333333333333333";
export const CHANNEL_ID = "444444444444444444";
export const USER_ID = "555555555555555555";

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, decoded once as Discord sees it ("/webhooks/…/messages/@original"). */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body (a multipart body's payload_json), or null when there was none. */
  body: unknown;
  /** Files of a multipart body (a chart attached to a reply). */
  files: UploadedFile[];
}

/** An injected failure for a channel's message routes. */
export interface ChannelFailure {
  /** 404 with 10003 Unknown Channel, 403 with 50001 / 50013, or 429 (rate limited). */
  status: number;
  code?: number;
  message?: string;
  /** Seconds, for a 429. */
  retryAfter?: number;
  /** Only POST, only GET, or only thread creation on a message of this channel; all when absent. */
  method?: "POST" | "GET" | "THREAD";
  /** How many requests fail (default: all until cleared). */
  times?: number;
}

/** Who runs an interaction: a member's permissions in the channel (a bit set as a string), or a DM. */
export interface Invoker {
  permissions?: string;
  /** A DM: no guild, no member. */
  dm?: boolean;
  userId?: string;
  /** Another server than GUILD_ID. */
  guildId?: string;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

/** A user as Discord sends it. */
export function apiUser(id = USER_ID, username = "alice") {
  return { id, username, discriminator: "0", global_name: username, avatar: null, bot: false };
}

let nextSnowflake = 900000000000000000n;
const snowflake = (): string => String(nextSnowflake++);

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identifies: unknown[] = [];
  /** Messages refused with 50035 Invalid Form Body for breaking a documented limit (message-limits.ts). */
  readonly refused: Array<{ request: RecordedRequest; error: InvalidFormBody }> = [];
  /** Messages the bot created in each channel, oldest first. */
  readonly channelMessages = new Map<string, Array<Record<string, unknown>>>();
  private readonly failures = new Map<string, ChannelFailure[]>();
  /** nonce -> message, for enforce_nonce (Discord keeps them a few minutes; here, until reset). */
  private readonly nonces = new Map<string, Record<string, unknown>>();
  /** Every created message's channel, so a message id used as a channel is known to be one. */
  private readonly messageChannel = new Map<string, string>();
  /** Threads started from a message (their id is the message's). */
  readonly threads = new Map<string, { parentChannel: string; name: string }>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: Waiter[] = [];
  private seq = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    private readonly token: string | undefined,
  ) {}

  /** DM channel ids by recipient user id. */
  readonly dmChannels = new Map<string, string>();
  /** What GET /guilds/{id}/roles answers. */
  roles: Array<{ id: string; name: string; mentionable?: boolean }> = [];
  /** Members GET /guilds/{id}/members/{user} finds. */
  readonly members = new Map<string, { user: { id: string; username: string; global_name?: string | null }; nick?: string | null }>();

  /** With `token`, authenticated routes answer 401 to any other bot token, as Discord does. */
  static async start(options: { token?: string } = {}): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port, options.token);
    server.on("request", (req, res) => void fake.onRequest(req, res));
    server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws)));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /**
   * Resolves with the first request (already made or still to come) that matches. The timeout only
   * ends a broken run, generous so that a loaded machine never fails a right test.
   */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 30_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake discord: no matching request in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  /** Makes requests to a channel's messages fail as described. */
  failChannel(channelId: string, failure: ChannelFailure): void {
    this.failures.set(channelId, [...(this.failures.get(channelId) ?? []), failure]);
  }

  /** Forgets channel messages, nonces and failures. */
  resetChannels(): void {
    this.channelMessages.clear();
    this.failures.clear();
    this.nonces.clear();
    this.messageChannel.clear();
    this.threads.clear();
  }

  messagesIn(channelId: string): Array<Record<string, unknown>> {
    return this.channelMessages.get(channelId) ?? [];
  }

  /** Requests made with one interaction token, in order. */
  byToken(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${token}`));
  }

  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  /** Dispatches INTERACTION_CREATE with the usual envelope around `fields`; returns its id and token. */
  interaction(fields: Record<string, unknown>): { id: string; token: string } {
    const id = snowflake();
    const token = `tok-${id}`;
    this.dispatch("INTERACTION_CREATE", {
      id,
      token,
      application_id: APP_ID,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general" },
      // An ordinary member: View Channel (1024) and Send Messages (2048), nothing more.
      member: { user: apiUser(), roles: [], joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, permissions: "3072" },
      app_permissions: "0",
      locale: "en-GB",
      guild_locale: "en-GB",
      entitlements: [],
      authorizing_integration_owners: { "0": GUILD_ID },
      context: 0,
      attachment_size_limit: 8388608,
      ...fields,
    });
    return { id, token };
  }

  /** `/wq <sub> option:value …` as Discord sends it (type 2, a chat input command). */
  command(sub: string, options: Array<{ name: string; type: number; value: string | number | boolean }> = []): { id: string; token: string } {
    return this.interaction({
      type: 2,
      data: { id: "666666666666666666", name: "wq", type: 1, guild_id: GUILD_ID, options: [{ type: 1, name: sub, options }] },
    });
  }

  /** `/<command> <sub> …` run by `who`: a member with these permissions, or someone in a DM. */
  commandAs(
    who: Invoker,
    command: string,
    sub: string,
    options: Array<{ name: string; type: number; value: string | number | boolean }> = [],
  ): { id: string; token: string } {
    return this.interaction({
      type: 2,
      data: { id: "777777777777777777", name: command, type: 1, ...(who.dm ? {} : { guild_id: who.guildId ?? GUILD_ID }), options: [{ type: 1, name: sub, options }] },
      ...this.invoker(who),
    });
  }

  /** A button click by `who` on an ephemeral message the bot sent. */
  clickAs(who: Invoker, customId: string): { id: string; token: string } {
    return this.interaction({
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: this.message({ flags: 64 }),
      ...this.invoker(who),
    });
  }

  private invoker(who: Invoker): Record<string, unknown> {
    const user = apiUser(who.userId ?? USER_ID);
    if (who.dm) {
      // JSON drops the undefined fields: no guild, no member, a DM channel.
      return { guild_id: undefined, member: undefined, user, channel_id: "888888888888888888", channel: { id: "888888888888888888", type: 1 }, context: 1, authorizing_integration_owners: { "1": USER_ID } };
    }
    const guild = who.guildId ?? GUILD_ID;
    return {
      guild_id: guild,
      channel: { id: CHANNEL_ID, type: 0, guild_id: guild, name: "general" },
      authorizing_integration_owners: { "0": guild },
      member: { user, roles: [], joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, permissions: who.permissions ?? "0" },
    };
  }

  /** Autocomplete (type 4) while typing `value` into `option` of `/wq <sub>`. */
  autocomplete(sub: string, option: string, value: string): { id: string; token: string } {
    return this.interaction({
      type: 4,
      data: { id: "666666666666666666", name: "wq", type: 1, options: [{ type: 1, name: sub, options: [{ type: 3, name: option, value, focused: true }] }] },
    });
  }

  /** A button click (type 3) on an ephemeral message the bot sent. */
  click(customId: string): { id: string; token: string } {
    return this.interaction({
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: this.message({ flags: 64 }),
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private message(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: snowflake(),
      type: 0,
      channel_id: CHANNEL_ID,
      author: { ...apiUser(BOT_ID, "wq"), bot: true },
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      application_id: APP_ID,
      webhook_id: APP_ID,
      ...fields,
    };
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        this.identifies.push(frame.d);
        this.seq = 0;
        const ready = {
          v: 10,
          user: { ...apiUser(BOT_ID, "wq"), bot: true },
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: `session-${snowflake()}`,
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
        };
        ws.send(JSON.stringify({ op: 0, t: "READY", s: ++this.seq, d: ready }));
        ws.send(JSON.stringify({ op: 0, t: "GUILD_CREATE", s: ++this.seq, d: this.guild() }));
      }
    });
  }

  private guild(): Record<string, unknown> {
    return {
      id: GUILD_ID,
      name: "Test server",
      icon: null,
      owner_id: USER_ID,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: "2024-01-01T00:00:00.000Z",
      roles: [{ id: GUILD_ID, name: "@everyone", permissions: "0", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      channels: [{ id: CHANNEL_ID, type: 0, name: "general", position: 0, permission_overwrites: [] }],
      members: [],
      threads: [],
      emojis: [],
      stickers: [],
      features: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { body, files } = await parseDiscordBody(req.headers["content-type"], Buffer.concat(chunks));
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${this.port}`);
    const rawPath = url.pathname.replace(/^\/api\/v\d+/, "");
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(rawPath),
      rawPath,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
    };
    this.requests.push(record);
    this.route(record, res);
    for (const w of [...this.waiters]) {
      if (w.match(record)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(record);
      }
    }
  }

  private route(r: RecordedRequest, res: ServerResponse): void {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const p = r.path;
    const auth = r.headers.authorization;
    if (this.token !== undefined && auth !== undefined && auth !== `Bot ${this.token}`) return json(401, { message: "401: Unauthorized", code: 0 });
    if (r.method === "GET" && (p === "/gateway/bot" || p === "/gateway")) {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    const refusal = this.refusal(r);
    if (refusal) {
      this.refused.push({ request: r, error: refusal });
      return json(400, refusal);
    }
    // Discord answers an interaction callback with 204 and no body (unless with_response=true).
    if (r.method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
      res.writeHead(204);
      return void res.end();
    }
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === "PATCH" && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(p)) return json(200, this.message(body));
    if (r.method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(p)) return json(200, this.message(body));
    if (r.method === "POST" && p === "/users/@me/channels") {
      // The DM channel with a user: one per user, the same every time.
      const recipient = String(body.recipient_id ?? "");
      if (!/^\d+$/.test(recipient)) return json(400, { message: "Invalid Form Body", code: 50035 });
      let dm = this.dmChannels.get(recipient);
      if (!dm) {
        dm = snowflake();
        this.dmChannels.set(recipient, dm);
      }
      return json(200, { id: dm, type: 1, recipients: [{ id: recipient }] });
    }
    const roles = /^\/guilds\/(\d+)\/roles$/.exec(p)?.[1];
    if (roles && r.method === "GET") return json(200, this.roles);
    const member = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(p);
    if (member?.[2] && r.method === "GET") {
      const found = this.members.get(member[2]);
      return found ? json(200, found) : json(404, { message: "Unknown Member", code: 10007 });
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(p)?.[1];
    if (channel && (r.method === "POST" || r.method === "GET")) return this.channelRoute(channel, r, res);
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p);
    if (thread?.[1] && thread[2] && r.method === "POST") return this.startThread(thread[1], thread[2], r, res);
    if (r.method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p)) {
      const commands = Array.isArray(r.body) ? (r.body as Array<Record<string, unknown>>) : [];
      return json(200, commands.map((c) => ({ ...c, id: snowflake(), application_id: APP_ID, version: snowflake() })));
    }
    json(404, { message: "404: Not Found", code: 0 });
  }

  /** Discord's 50035 for a message-carrying request over a documented limit, else null. */
  private refusal(r: RecordedRequest): InvalidFormBody | null {
    const p = r.path;
    if (r.method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
      const data = (r.body as { data?: unknown } | null)?.data;
      return data === undefined ? null : discordRefusal(data);
    }
    const message =
      (r.method === "PATCH" && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(p)) ||
      (r.method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(p)) ||
      (r.method === "POST" && /^\/channels\/\d+\/messages$/.test(p));
    return message ? discordRefusal(r.body) : null;
  }

  /** Answers with an injected failure for this channel and method, if one is set. */
  private failed(channelId: string, method: string, res: ServerResponse): boolean {
    const list = this.failures.get(channelId) ?? [];
    const failure = list.find((f) => f.method === undefined || f.method === method);
    if (!failure) return false;
    if (failure.times !== undefined && --failure.times <= 0) this.failures.set(channelId, list.filter((f) => f !== failure));
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      sendJson(res, 429, { message: "You are being rate limited.", retry_after: retryAfter, global: false }, { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" });
    } else {
      sendJson(res, failure.status, { message: failure.message ?? "failure", code: failure.code ?? 0 });
    }
    return true;
  }

  /** POST /channels/{channel}/messages/{message}/threads: a thread whose id is the message's. */
  private startThread(channelId: string, messageId: string, r: RecordedRequest, res: ServerResponse): void {
    if (this.failed(channelId, "THREAD", res)) return;
    if (this.messageChannel.get(messageId) !== channelId) return sendJson(res, 404, { message: "Unknown Message", code: 10008 });
    if (this.threads.has(messageId)) return sendJson(res, 400, { message: "A thread has already been created for this message", code: 160004 });
    const name = String((r.body as { name?: unknown } | null)?.name ?? "");
    this.threads.set(messageId, { parentChannel: channelId, name });
    sendJson(res, 201, { id: messageId, type: 11, guild_id: GUILD_ID, parent_id: channelId, name, owner_id: BOT_ID });
  }

  private channelRoute(channelId: string, r: RecordedRequest, res: ServerResponse): void {
    const json = (status: number, body: unknown): void => sendJson(res, status, body);
    if (this.failed(channelId, r.method, res)) return;
    // A message id is a channel only once a thread was started from it.
    if (this.messageChannel.has(channelId) && !this.threads.has(channelId)) return json(404, { message: "Unknown Channel", code: 10003 });
    if (r.method === "GET") {
      const limit = Math.min(100, Number(r.query.get("limit") ?? 50) || 50);
      return json(200, [...this.messagesIn(channelId)].reverse().slice(0, limit));
    }
    const body = (r.body ?? {}) as Record<string, unknown>;
    const nonce = typeof body.nonce === "string" || typeof body.nonce === "number" ? String(body.nonce) : undefined;
    if (nonce !== undefined && body.enforce_nonce === true) {
      const first = this.nonces.get(`${channelId}:${nonce}`);
      if (first) return json(200, first);
    }
    const { nonce: _n, enforce_nonce: _e, allowed_mentions: _a, message_reference, ...fields } = body;
    const reference = message_reference as { message_id?: string } | undefined;
    const message = this.message({
      ...fields,
      channel_id: channelId,
      webhook_id: undefined,
      type: reference ? 19 : 0,
      ...(reference ? { message_reference: { ...reference, channel_id: channelId } } : {}),
    });
    this.channelMessages.set(channelId, [...this.messagesIn(channelId), message]);
    this.messageChannel.set(String(message.id), channelId);
    if (nonce !== undefined && body.enforce_nonce === true) this.nonces.set(`${channelId}:${nonce}`, message);
    // Discord echoes the nonce in the created message only.
    json(200, nonce !== undefined ? { ...message, nonce } : message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
