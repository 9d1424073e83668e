/**
 * Slack's Socket Mode on loopback, beside FakeSlack (which serves the Web API): answers
 * `apps.connections.open` with a ws:// URL here, says `hello` on each connection, sends envelopes
 * as Slack does (`{envelope_id, type, payload, accepts_response_payload}`) and collects the app's
 * acknowledgements (`{envelope_id, payload}`). It can drop the socket, as Slack does when it
 * recycles a server, to see the app reconnect.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { FakeSlack } from "./fake-slack.ts";
import { Waiters } from "../waiters.ts";

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  /** Connections that got their hello, oldest first. */
  readonly connections: WebSocket[] = [];
  readonly acks: Ack[] = [];
  private nextEnvelope = 1;
  private readonly waiting = new Waiters("FakeSocketMode");

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(slack: FakeSlack): Promise<FakeSocketMode> {
    const server = createServer((_req, res) => void res.writeHead(426).end());
    const wss = new WebSocketServer({ server });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const fake = new FakeSocketMode(server, wss);
    const port = (server.address() as AddressInfo).port;
    let ticket = 0;
    slack.on("apps.connections.open", () => ({ ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${++ticket}&app_id=A0001` }));
    wss.on("connection", (ws) => fake.onConnection(ws));
    return fake;
  }

  private onConnection(ws: WebSocket): void {
    ws.on("message", (data) => {
      try {
        const parsed = JSON.parse(String(data)) as Ack;
        if (typeof parsed.envelope_id === "string") this.acks.push(parsed);
      } catch {
        // The app sends only JSON; anything else is ignored, as Slack would.
      }
      this.notify();
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake", approximate_connection_time: 18060 }, connection_info: { app_id: "A0001" } }));
    this.connections.push(ws);
    this.notify();
  }

  /** The connection envelopes go to: the newest one still open. */
  private get current(): WebSocket | undefined {
    return [...this.connections].reverse().find((ws) => ws.readyState === ws.OPEN);
  }

  /** Sends a slash command envelope; resolves with the app's acknowledgement of it. */
  async slashCommand(text: string, responseUrl: string, timeoutMs = 5000): Promise<Ack> {
    const envelopeId = `env-${this.nextEnvelope++}`;
    const payload = {
      token: "legacy-verification-token",
      team_id: "T0001",
      team_domain: "test",
      channel_id: "C0001",
      channel_name: "general",
      user_id: "U0001",
      user_name: "alice",
      command: "/wq",
      text,
      api_app_id: "A0001",
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: "1.2.3",
    };
    const ws = this.current;
    if (!ws) throw new Error("FakeSocketMode: no open connection");
    ws.send(JSON.stringify({ envelope_id: envelopeId, type: "slash_commands", payload, accepts_response_payload: true }));
    await this.waitFor(() => this.acks.some((a) => a.envelope_id === envelopeId), timeoutMs);
    return this.acks.find((a) => a.envelope_id === envelopeId) as Ack;
  }

  /** Drops the open connection without a word, as a network failure or a recycled server would. */
  drop(): void {
    this.current?.terminate();
  }

  waitFor(check: () => boolean, ms?: number): Promise<void> {
    return this.waiting.waitFor(check, ms);
  }

  private notify(): void {
    this.waiting.notify();
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
