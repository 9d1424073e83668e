/**
 * A local fake of the official Written Questions API (questions-statements-api.parliament.uk/api)
 * on loopback, serving a corpus-shaped folder the way the real API does:
 *
 * - `GET /api/writtenquestions/questions` with skip/take, totalResults, the date filters
 *   (answeredWhen, tabledWhen, correctedWhen From/To, inclusive days), house, answered,
 *   answeringBodies, members, uIN, searchTerm, includeWithdrawn (withdrawn left out unless true)
 *   and expandMember; texts truncated exactly as the corpus holds them.
 * - `GET /api/writtenquestions/questions/{id}` and `/{yyyy-mm-dd}/{uin}`: one item with the full
 *   texts from detail/ where the data has them (answer as HTML), else the list copy.
 *
 * Tests change the data (`setItem`, `corrupt`) and inject faults (`inject`): status codes with
 * Retry-After, hung requests, slow responses, dropped connections.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeData, type FakeDetail, type FakeValue } from "./data.ts";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  kind: "list" | "detail" | "other";
  userAgent: string | undefined;
}

export type Fault =
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  /** Never answers; the client's timeout has to end it. */
  | { kind: "hang" }
  /** Answers normally after a delay. */
  | { kind: "delay"; ms: number }
  /** Drops the connection: a network error for the client. */
  | { kind: "reset" };

export interface FaultRule {
  fault: Fault;
  when?: (req: FakeRequest) => boolean;
  /** How many matching requests get the fault; default 1, Infinity for all. */
  times?: number;
}

export interface LoggedRequest extends FakeRequest {
  status: number;
  fault?: Fault["kind"];
  /** Date.now() when the request arrived: a test on fake timers reads its own clock here. */
  at: number;
}

export interface FakeParliament {
  /** The API base, like https://questions-statements-api.parliament.uk/api. */
  readonly url: string;
  readonly data: FakeData;
  readonly requests: LoggedRequest[];
  /** The most requests the fake was answering at once. */
  readonly maxInFlight: number;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Adds or replaces a question (a new answer, a correction, a withdrawal). */
  setItem(value: FakeValue): void;
  setDetail(detail: FakeDetail): void;
  /** Replaces an item's served value with a broken one, keeping its place in the filters. */
  corrupt(id: number, patch: Record<string, unknown>): void;
  /** Called for each request before it is answered. */
  onRequest?: (req: FakeRequest) => void;
  close(): Promise<void>;
}

const LIST_PATH = /^\/api\/writtenquestions\/questions\/?$/i;
const DETAIL_ID = /^\/api\/writtenquestions\/questions\/(\d+)\/?$/i;
const DETAIL_UIN = /^\/api\/writtenquestions\/questions\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/?$/i;

const day = (d: string | null | undefined): string | null => (d ? d.slice(0, 10) : null);

/** Query parameters as ASP.NET reads them: names case-insensitive, repeated names as a list. */
function params(query: URLSearchParams): { get(name: string): string | null; all(name: string): string[] } {
  const map = new Map<string, string[]>();
  for (const [k, v] of query) {
    const key = k.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), v]);
  }
  return {
    get: (name) => map.get(name.toLowerCase())?.[0] ?? null,
    all: (name) => map.get(name.toLowerCase()) ?? [],
  };
}

function inRange(value: string | null, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  if (!value) return false;
  if (from && value < from) return false;
  if (to && value > to) return false;
  return true;
}

export async function startFakeParliament(
  options: ({ dir: string; months?: readonly string[] } | { data: FakeData }) & { port?: number },
): Promise<FakeParliament> {
  const data = "data" in options ? options.data : new FakeData(options.dir, { months: options.months });
  const overrides = new Map<number, Record<string, unknown>>();
  const rules: Array<Required<Pick<FaultRule, "fault" | "times">> & Pick<FaultRule, "when">> = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<ServerResponse>();
  let sorted: FakeValue[] | null = null;
  let inFlight = 0;
  let maxInFlight = 0;

  const ordered = (): FakeValue[] => {
    // Newest tabled first, as the real list is by default; stable by id.
    sorted ??= [...data.items.values()].sort((a, b) =>
      a.dateTabled === b.dateTabled ? b.id - a.id : a.dateTabled < b.dateTabled ? 1 : -1,
    );
    return sorted;
  };

  function memberObject(id: number | null | undefined): Record<string, unknown> | null {
    if (id === null || id === undefined) return null;
    const m = data.members.get(id);
    if (!m) return null;
    const parts = m.name.split(" ");
    const listAs = parts.length > 1 ? `${parts.slice(1).join(" ")}, ${parts[0]}` : m.name;
    return {
      id: m.id,
      listAs,
      name: m.name,
      party: m.party,
      partyColour: null,
      partyAbbreviation: null,
      memberFrom: m.memberFrom ?? null,
      thumbnailUrl: `https://members-api.parliament.uk/api/Members/${m.id}/Thumbnail`,
    };
  }

  function served(value: FakeValue, expand: boolean, full: boolean): Record<string, unknown> {
    let out: Record<string, unknown> = { ...value };
    if (full) {
      const d = data.detail(value.id, value.dateTabled);
      if (d) out = { ...out, questionText: d.questionText ?? value.questionText, answerText: d.answerText ?? value.answerText };
    }
    if (expand) {
      out.askingMember = memberObject(value.askingMemberId);
      out.answeringMember = memberObject(value.answeringMemberId);
    } else {
      out.askingMember = null;
      out.answeringMember = null;
    }
    const broken = overrides.get(value.id);
    if (broken) out = { ...out, ...broken };
    return { value: out, links: [{ rel: "self", href: `/Questions/${value.id}`, method: "GET" }] };
  }

  function list(query: URLSearchParams): unknown {
    const p = params(query);
    const answered = (p.get("answered") ?? "Any").toLowerCase();
    const withdrawn = (p.get("includeWithdrawn") ?? "false").toLowerCase() === "true";
    const house = p.get("house");
    const bodies = p.all("answeringBodies").map(Number);
    const members = p.all("members").map(Number);
    const uin = p.get("uIN");
    const term = p.get("searchTerm")?.toLowerCase() ?? null;
    const ranges = (["answeredWhen", "tabledWhen", "correctedWhen"] as const).map((name) => ({
      from: p.get(`${name}From`)?.slice(0, 10) ?? null,
      to: p.get(`${name}To`)?.slice(0, 10) ?? null,
    }));
    const [ans, tab, cor] = ranges as [(typeof ranges)[number], (typeof ranges)[number], (typeof ranges)[number]];
    const matches = ordered().filter((v) => {
      if (!inRange(day(v.dateAnswered), ans.from, ans.to)) return false;
      if (!inRange(day(v.dateTabled), tab.from, tab.to)) return false;
      if (!inRange(day(v.dateAnswerCorrected), cor.from, cor.to)) return false;
      if (answered === "answered" && !v.dateAnswered) return false;
      if (answered === "unanswered" && v.dateAnswered) return false;
      if (!withdrawn && v.isWithdrawn) return false;
      if (house && house.toLowerCase() !== "bicameral" && v.house.toLowerCase() !== house.toLowerCase()) return false;
      if (bodies.length && !bodies.includes(v.answeringBodyId ?? -1)) return false;
      if (members.length && !members.includes(v.askingMemberId ?? -1) && !members.includes(v.answeringMemberId ?? -1))
        return false;
      if (uin && v.uin.toLowerCase() !== uin.toLowerCase()) return false;
      if (term) {
        const hay = `${v.heading ?? ""} ${v.questionText ?? ""} ${v.answerText ?? ""}`.toLowerCase();
        if (!hay.includes(term)) return false;
      }
      return true;
    });
    const skip = Math.max(0, Number(p.get("skip") ?? 0) || 0);
    const take = Math.max(0, Number(p.get("take") ?? 20) || 20);
    const expand = (p.get("expandMember") ?? "").toLowerCase() === "true";
    return {
      totalResults: matches.length,
      results: matches.slice(skip, skip + take).map((v) => served(v, expand, false)),
    };
  }

  function detail(path: string, query: URLSearchParams): unknown | null {
    const expand = (params(query).get("expandMember") ?? "").toLowerCase() === "true";
    const byId = DETAIL_ID.exec(path);
    if (byId) {
      const v = data.items.get(Number(byId[1]));
      return v ? served(v, expand, true) : null;
    }
    const byUin = DETAIL_UIN.exec(path);
    if (byUin) {
      const date = byUin[1];
      const uin = decodeURIComponent(byUin[2] ?? "").toLowerCase();
      for (const v of data.items.values()) {
        if (day(v.dateTabled) === date && v.uin.toLowerCase() === uin) return served(v, expand, true);
      }
    }
    return null;
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json; charset=utf-8", ...headers });
    res.end(text);
  }

  function answer(req: FakeRequest, res: ServerResponse): number {
    if (req.method !== "GET") {
      send(res, 405, { title: "Method not allowed" });
      return 405;
    }
    if (req.kind === "list") {
      send(res, 200, list(req.query));
      return 200;
    }
    if (req.kind === "detail") {
      const body = detail(req.path, req.query);
      if (body) {
        send(res, 200, body);
        return 200;
      }
    }
    send(res, 404, { title: "Not Found", status: 404 });
    return 404;
  }

  const server: Server = createServer((raw: IncomingMessage, res: ServerResponse) => {
    const u = new URL(raw.url ?? "/", "http://fake");
    const path = decodeURI(u.pathname);
    const kind = LIST_PATH.test(path) ? "list" : DETAIL_ID.test(path) || DETAIL_UIN.test(path) ? "detail" : "other";
    const at = Date.now();
    const req: FakeRequest = {
      method: raw.method ?? "GET",
      path,
      query: u.searchParams,
      kind,
      userAgent: raw.headers["user-agent"],
    };
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    fake.onRequest?.(req);
    const rule = rules.find((r) => r.times > 0 && (!r.when || r.when(req)));
    if (rule) rule.times--;
    const fault = rule?.fault;
    if (fault?.kind === "status") {
      const headers: Record<string, string> = fault.retryAfter ? { "retry-after": fault.retryAfter } : {};
      send(res, fault.status, fault.body ?? { title: "Injected", status: fault.status }, headers);
      requests.push({ ...req, status: fault.status, fault: fault.kind, at });
      return;
    }
    if (fault?.kind === "hang") {
      hung.add(res);
      res.on("close", () => hung.delete(res));
      requests.push({ ...req, status: 0, fault: fault.kind, at });
      return;
    }
    if (fault?.kind === "reset") {
      raw.socket.destroy();
      requests.push({ ...req, status: 0, fault: fault.kind, at });
      return;
    }
    if (fault?.kind === "delay") {
      const timer = setTimeout(() => {
        if (!res.destroyed) requests.push({ ...req, status: answer(req, res), fault: fault.kind, at });
      }, fault.ms);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    requests.push({ ...req, status: answer(req, res), at });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((ok) => server.listen(options.port ?? 0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;

  const fake: FakeParliament = {
    url: `http://127.0.0.1:${port}/api`,
    data,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    inject(rule) {
      rules.push({ fault: rule.fault, when: rule.when, times: rule.times ?? 1 });
    },
    clearFaults() {
      rules.length = 0;
    },
    setItem(value) {
      data.items.set(value.id, value);
      overrides.delete(value.id);
      sorted = null;
    },
    setDetail(detail) {
      data.setDetail(detail);
    },
    corrupt(id, patch) {
      overrides.set(id, patch);
    },
    async close() {
      for (const res of hung) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
  return fake;
}
