/**
 * The one HTTP server of a bot process, bound to PORT first thing: /healthz in every mode, and
 * Slack's /slack/* once the Slack adapter mounts Bolt's request listener (HTTP mode). Binding
 * before the store and index open lets a web host see the process alive within seconds.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import type { HealthReport } from "./health.ts";

export interface HttpServer {
  /** The port bound (PORT, or the one picked for PORT=0). */
  readonly port: number;
  /** Serves every path other than /healthz from now on (Bolt's receiver). */
  mount(listener: RequestListener): void;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  /** Interface to bind; all by default, tests pass 127.0.0.1. */
  host?: string;
  health: () => Promise<HealthReport>;
  logger: Logger;
  /** True when a listener is coming (Slack HTTP): until it is mounted, other paths answer 503, not 404. */
  expectMount?: boolean;
}

function json(res: ServerResponse, status: number, body: unknown, head = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  let mounted: RequestListener | null = null;
  const { logger } = options;

  async function health(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const report = await options.health();
      json(res, report.status === "ready" ? 200 : 503, report, req.method === "HEAD");
    } catch (error) {
      logger.error("healthz: reading the store failed", error);
      json(res, 503, { status: "error", error: error instanceof Error ? error.message : String(error) });
    }
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      void health(req, res);
      return;
    }
    if (mounted) {
      mounted(req, res);
      return;
    }
    if (options.expectMount) {
      res.setHeader("retry-after", "5");
      json(res, 503, { error: "starting" });
      return;
    }
    json(res, 404, { error: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => logger.error("http server failed", error));
  return {
    port: (server.address() as AddressInfo).port,
    mount(listener) {
      mounted = listener;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
