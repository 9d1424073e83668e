/**
 * Bolt wants its own Logger (with levels and a name); wq passes any logger with the four usual
 * methods. Debug lines are dropped unless the level is DEBUG, as Bolt's console logger does.
 */
import { LogLevel, type Logger } from "@slack/bolt";
import type { Logger as WqLogger } from "../../logger.ts";

export type { WqLogger };

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(target: WqLogger, initial: LogLevel = LogLevel.INFO): Logger {
  let level = initial;
  let name = "slack";
  const at = (l: LogLevel): boolean => ORDER.indexOf(l) >= ORDER.indexOf(level);
  const line = ([first, ...rest]: unknown[]): [string, ...unknown[]] => [`[${name}] ${String(first)}`, ...rest];
  return {
    debug: (...msg: unknown[]) => void (at(LogLevel.DEBUG) && target.debug?.(...line(msg))),
    info: (...msg: unknown[]) => void (at(LogLevel.INFO) && target.info(...line(msg))),
    warn: (...msg: unknown[]) => void (at(LogLevel.WARN) && target.warn(...line(msg))),
    error: (...msg: unknown[]) => void (at(LogLevel.ERROR) && target.error(...line(msg))),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: (n: string) => void (name = n),
  };
}
