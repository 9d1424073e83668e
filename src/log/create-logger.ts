/**
 * wq's Logger (src/logger.ts) on pino: levels from WQ_LOG_LEVEL, one JSON object a line in
 * production, pino-pretty on a terminal, secrets scrubbed from the message and every detail.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";
import pretty from "pino-pretty";
import type { Logger } from "../logger.ts";
import { redactText, scrub } from "./redact.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "pretty";

export interface CreateLoggerOptions {
  level: LogLevel;
  /** "pretty" for people at a terminal, "json" for a log collector. */
  format: LogFormat;
  /** Where lines go: a file descriptor (1 stdout, 2 stderr) or a stream (tests). Default stdout. */
  destination?: number | DestinationStream;
  /** Fields on every line, e.g. { name: "wq" }. */
  base?: Record<string, unknown>;
}

/** JSON unless someone is reading at a terminal. */
export function defaultLogFormat(isTTY: boolean): LogFormat {
  return isTTY ? "pretty" : "json";
}

/** The details after the message, as pino fields: an Error under `err`, the rest under `details`. */
function fields(details: unknown[]): Record<string, unknown> | undefined {
  if (details.length === 0) return undefined;
  const errors = details.filter((d) => d instanceof Error);
  const rest = details.filter((d) => !(d instanceof Error));
  const out: Record<string, unknown> = {};
  if (errors.length) out["err"] = scrub(errors.length === 1 ? errors[0] : errors);
  if (rest.length) out["details"] = scrub(rest.length === 1 ? rest[0] : rest);
  return out;
}

function destinationOf(options: CreateLoggerOptions): DestinationStream {
  const target = options.destination ?? 1;
  if (options.format === "pretty") {
    // In the same thread (no worker transport): a worker would cost memory for a few lines.
    return pretty({
      sync: true,
      colorize: typeof target === "number",
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname,name",
      destination: target,
    });
  }
  return typeof target === "number" ? pino.destination({ fd: target, sync: true }) : target;
}

export interface StructuredLogger extends Logger {
  debug(message: string, ...details: unknown[]): void;
  /** The pino logger underneath, for libraries that take one. */
  readonly pino: PinoLogger;
}

export function createLogger(options: CreateLoggerOptions): StructuredLogger {
  const base = pino(
    {
      level: options.level,
      base: options.base ?? { name: "wq" },
      // Level names ("info"), not numbers, so the JSON reads without a lookup table.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors arrive already serialized and scrubbed (redact.ts); pino's own serializer would redo it without the scrubbing.
      serializers: { err: (value: unknown) => value },
    },
    destinationOf(options),
  );
  const at =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]): void => {
      if (!base.isLevelEnabled(level)) return;
      const text = redactText(typeof message === "string" ? message : String(message));
      const extra = fields(details);
      if (extra) base[level](extra, text);
      else base[level](text);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), pino: base };
}
