/**
 * A client for the official Written Questions API, built for how it behaves (see
 * ../shared/corpus/README.md): paged list requests, one detail request per truncated item, zod at
 * every response, timeouts, retries with exponential backoff and jitter on network errors and 5xx,
 * Retry-After honoured on 429, bounded concurrency and a polite request rate.
 *
 * Everything from outside comes in as an argument (base URL, fetch, clock), so tests hand in fakes.
 */
import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import pRetry, { AbortError } from "p-retry";
import pThrottle from "p-throttle";
import { z } from "zod";
import { ApiItemSchema, ApiListSchema, ApiQuestionSchema, type ApiQuestion } from "./readers/api-json.ts";

export { DEFAULT_API_URL } from "./api-url.ts";
export const PAGE_SIZE = 100;

export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: SyncLogger = { info() {}, warn() {}, error() {} };

const PackageSchema = z.object({
  version: z.string().optional(),
  homepage: z.string().optional(),
  repository: z.union([z.string(), z.object({ url: z.string() })]).optional(),
});

/**
 * "wq/0.1.0 (UK Parliament written questions bot; +https://github.com/OWNER/wq)": version and
 * repository read from package.json (`repository` or `homepage`), so they are named in one place.
 */
export function defaultUserAgent(): string {
  let version = "0";
  let home = "";
  try {
    const pkg = PackageSchema.parse(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")));
    version = pkg.version ?? version;
    const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    home = (repo ?? pkg.homepage ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
  } catch {
    // A bundled or unusual layout: the name alone still identifies us.
  }
  return `wq/${version} (UK Parliament written questions bot${home ? `; +${home}` : ""})`;
}

/** The list endpoint's filters wq uses. Days are YYYY-MM-DD, inclusive. */
export interface ListFilter {
  tabledWhenFrom?: string;
  tabledWhenTo?: string;
  answeredWhenFrom?: string;
  answeredWhenTo?: string;
  correctedWhenFrom?: string;
  correctedWhenTo?: string;
  house?: "Commons" | "Lords" | "Bicameral";
  answered?: "Any" | "Answered" | "Unanswered";
  includeWithdrawn?: boolean;
}

/** An item the API sent that failed validation: logged with its id and left out. */
export interface RejectedItem {
  id: number | null;
  reason: string;
}

export interface ListPage {
  skip: number;
  totalResults: number;
  items: ApiQuestion[];
  rejected: RejectedItem[];
  /** How many results the page held, valid or not (an empty page ends the paging). */
  size: number;
}

export type DetailResult =
  | { kind: "ok"; value: ApiQuestion }
  | { kind: "missing" }
  | { kind: "rejected"; rejected: RejectedItem };

export interface ApiStats {
  requests: number;
  retries: number;
  rateLimited: number;
  timeouts: number;
}

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** The clock, for Retry-After given as an HTTP date. */
  now?: () => Date;
  userAgent?: string;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 5. */
  retries?: number;
  /** First backoff delay; doubles each retry, randomised by up to 2x. Default 1 s. */
  retryMinDelayMs?: number;
  retryMaxDelayMs?: number;
  /** The longest Retry-After wq will wait. Default 5 minutes. */
  maxRetryAfterMs?: number;
  /** The largest response body read; a larger one fails (not retried). Default 16 MB. */
  maxResponseBytes?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Requests started per second across all in flight; 0 for no limit. Default 8. */
  requestsPerSecond?: number;
  signal?: AbortSignal;
  logger?: SyncLogger;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: "http" | "timeout" | "network" | "invalid",
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get retryable(): boolean {
    if (this.kind === "http") return this.status === 429 || (this.status ?? 0) >= 500;
    return this.kind !== "invalid";
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "value"}: ${i.message}`)
    .join("; ");
}

const IdOnly = z.object({ id: z.number().int() });

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * The body as text, read chunk by chunk so that a huge or endless response stops at the cap
 * instead of filling memory (a list page is about 300 KB, the longest detail about 1 MB).
 */
async function readCapped(response: Response, maxBytes: number, label: string): Promise<string> {
  const tooLarge = (): ApiError =>
    new ApiError(`a response from ${label} larger than ${Math.round(maxBytes / 1024 / 1024)} MB; not read`, "invalid");
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** What a failed fetch says, with the system's code (ECONNREFUSED...) rather than "fetch failed". */
function networkCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : null;
    return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

function validateItem(raw: unknown): { ok: true; value: ApiQuestion } | { ok: false; rejected: RejectedItem } {
  const item = ApiItemSchema.safeParse(raw);
  const value = item.success ? item.data.value : undefined;
  const parsed = ApiQuestionSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const id = IdOnly.safeParse(value);
  return {
    ok: false,
    rejected: {
      id: id.success ? id.data.id : null,
      reason: item.success ? describe(parsed.error) : "not a {value, links} item",
    },
  };
}

export interface ApiClient {
  readonly stats: ApiStats;
  listPage(filter: ListFilter, skip: number, take?: number): Promise<ListPage>;
  /**
   * Every page of a filter: the first to learn totalResults, the rest side by side. Stops at
   * totalResults or at an empty page.
   */
  listAll(filter: ListFilter, onPage?: (page: ListPage, pagesKnown: number) => void): Promise<ListPage[]>;
  getQuestion(id: number): Promise<DetailResult>;
  getQuestionByUin(dateTabled: string, uin: string): Promise<DetailResult>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const userAgent = options.userAgent ?? defaultUserAgent();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const logger = options.logger ?? silentLogger;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const rate = options.requestsPerSecond ?? 8;
  const turn =
    rate > 0 ? pThrottle({ limit: 1, interval: Math.max(1, Math.round(1000 / rate)), strict: true })(async () => {}) : async () => {};
  const stats: ApiStats = { requests: 0, retries: 0, rateLimited: 0, timeouts: 0 };
  // After a 429 every request waits, not just the one that was told to.
  let pausedUntil = 0;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  async function attempt(url: string, label: string): Promise<{ status: number; body: unknown }> {
    const wait = pausedUntil - Date.now();
    if (wait > 0) await sleep(wait);
    await turn();
    options.signal?.throwIfAborted();
    stats.requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: "application/json", "user-agent": userAgent },
        signal,
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { status: 404, body: null };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        const retryAfterMs =
          response.status === 429 || response.status === 503
            ? parseRetryAfter(response.headers.get("retry-after"), now())
            : undefined;
        throw new ApiError(`GET ${label} failed: HTTP ${response.status} ${response.statusText || "error"}`, "http", response.status, retryAfterMs);
      }
      const text = await readCapped(response, maxResponseBytes, label);
      try {
        return { status: response.status, body: JSON.parse(text) };
      } catch {
        // A body cut off in transit is worth another try.
        throw new ApiError(`a response from ${label} that is not JSON`, "network");
      }
    } catch (error) {
      if (options.signal?.aborted) throw new AbortError(options.signal.reason instanceof Error ? options.signal.reason : "aborted");
      if (error instanceof ApiError) throw error;
      if (timeout.aborted) {
        stats.timeouts++;
        throw new ApiError(`GET ${label} failed: no answer within ${timeoutMs} ms`, "timeout");
      }
      throw new ApiError(`GET ${label} failed: network error (${networkCause(error)})`, "network");
    }
  }

  function get(path: string, query: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const url = `${base}${path}${query.size ? `?${query}` : ""}`;
    // Messages name the request without the host, and without the paging and member noise.
    const shown = new URLSearchParams(query);
    for (const k of ["expandMember", "take", "includeWithdrawn"]) shown.delete(k);
    const label = `${new URL(url).pathname}${shown.size ? `?${shown}` : ""}`;
    return limit(() =>
      pRetry(
        async () => {
          try {
            return await attempt(url, label);
          } catch (error) {
            if (error instanceof ApiError && !error.retryable) throw new AbortError(error);
            throw error;
          }
        },
        {
          retries: options.retries ?? 5,
          factor: 2,
          minTimeout: options.retryMinDelayMs ?? 1000,
          maxTimeout: options.retryMaxDelayMs ?? 60_000,
          randomize: true,
          signal: options.signal,
          onFailedAttempt: ({ error, retriesLeft }) => {
            if (retriesLeft <= 0) return;
            stats.retries++;
            if (error instanceof ApiError && error.status === 429) stats.rateLimited++;
            if (error instanceof ApiError && error.retryAfterMs !== undefined) {
              const ms = Math.min(error.retryAfterMs, maxRetryAfterMs);
              pausedUntil = Math.max(pausedUntil, Date.now() + ms);
              logger.warn(`${error.message}; waiting ${Math.ceil(ms / 1000)} s as asked (Retry-After), ${retriesLeft} retries left`);
            } else {
              logger.warn(`${error.message}; retrying (${retriesLeft} left)`);
            }
          },
        },
      ),
    );
  }

  function listQuery(filter: ListFilter, skip: number, take: number): URLSearchParams {
    const q = new URLSearchParams();
    for (const key of [
      "tabledWhenFrom",
      "tabledWhenTo",
      "answeredWhenFrom",
      "answeredWhenTo",
      "correctedWhenFrom",
      "correctedWhenTo",
      "house",
      "answered",
    ] as const) {
      const v = filter[key];
      if (v) q.set(key, v);
    }
    if (filter.includeWithdrawn !== undefined) q.set("includeWithdrawn", String(filter.includeWithdrawn));
    q.set("expandMember", "true");
    q.set("skip", String(skip));
    q.set("take", String(take));
    return q;
  }

  async function listPage(filter: ListFilter, skip: number, take = PAGE_SIZE): Promise<ListPage> {
    const { body } = await get("/writtenquestions/questions", listQuery(filter, skip, take));
    const envelope = ApiListSchema.safeParse(body);
    if (!envelope.success) {
      throw new ApiError(`a list page (skip ${skip}) the API sent in an unknown shape: ${describe(envelope.error)}`, "invalid");
    }
    const page: ListPage = { skip, totalResults: envelope.data.totalResults, items: [], rejected: [], size: envelope.data.results.length };
    for (const raw of envelope.data.results) {
      const r = validateItem(raw);
      if (r.ok) page.items.push(r.value);
      else {
        page.rejected.push(r.rejected);
        logger.warn(`skipped question ${r.rejected.id ?? "(no id)"}: ${r.rejected.reason}`);
      }
    }
    return page;
  }

  async function listAll(filter: ListFilter, onPage?: (page: ListPage, pagesKnown: number) => void): Promise<ListPage[]> {
    const first = await listPage(filter, 0);
    const pagesKnown = Math.max(1, Math.ceil(first.totalResults / PAGE_SIZE));
    onPage?.(first, pagesKnown);
    const pages = [first];
    if (first.size === 0 || first.size >= first.totalResults) return pages;
    const rest = [];
    for (let skip = PAGE_SIZE; skip < first.totalResults; skip += PAGE_SIZE) rest.push(skip);
    const more = await Promise.all(
      rest.map(async (skip) => {
        const page = await listPage(filter, skip);
        onPage?.(page, pagesKnown);
        return page;
      }),
    );
    pages.push(...more);
    // The list can grow while we page; an item pushed past the last page we asked for is fetched here.
    let last = more[more.length - 1];
    while (last && last.size === PAGE_SIZE && last.skip + PAGE_SIZE < last.totalResults) {
      last = await listPage(filter, last.skip + PAGE_SIZE);
      onPage?.(last, pagesKnown);
      pages.push(last);
    }
    return pages;
  }

  async function detail(path: string): Promise<DetailResult> {
    let answer: { status: number; body: unknown };
    try {
      answer = await get(path, new URLSearchParams({ expandMember: "true" }));
    } catch (error) {
      // One unreadable detail (too large) costs that question's full text, not the sync.
      const inner = error instanceof AbortError ? error.originalError : error;
      if (inner instanceof ApiError && inner.kind === "invalid") {
        const id = /\/(\d+)$/.exec(path);
        logger.warn(inner.message);
        return { kind: "rejected", rejected: { id: id ? Number(id[1]) : null, reason: inner.message } };
      }
      throw error;
    }
    const { status, body } = answer;
    if (status === 404) return { kind: "missing" };
    const r = validateItem(body);
    if (r.ok) return { kind: "ok", value: r.value };
    logger.warn(`skipped the detail of question ${r.rejected.id ?? path}: ${r.rejected.reason}`);
    return { kind: "rejected", rejected: r.rejected };
  }

  return {
    stats,
    listPage,
    listAll,
    getQuestion: (id) => detail(`/writtenquestions/questions/${id}`),
    getQuestionByUin: (dateTabled, uin) => detail(`/writtenquestions/questions/${dateTabled}/${encodeURIComponent(uin)}`),
  };
}
