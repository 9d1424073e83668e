import "dotenv/config";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createLogger, defaultLogFormat } from "./log/create-logger.ts";
import type { Logger } from "./logger.ts";
import { startWq } from "./runtime/start.ts";

/**
 * `npm start` / `node dist/main.js`: the console when no chat platform is configured, else the
 * bot (src/runtime/start.ts). Here only what belongs to the process: its settings (parsed once,
 * here), its logger, its signals and its exit code.
 */
let logger: Logger | null = null;

function loggerFor(config: Config): Logger {
  const consoleMode = !config.slack && !config.discord;
  // The console's own output is the conversation: its log lines go to stderr, beside it, and only
  // warnings unless asked.
  const tty = consoleMode ? process.stderr.isTTY : process.stdout.isTTY;
  return createLogger({
    level: config.runtime.logLevel ?? (consoleMode ? "warn" : "info"),
    format: config.runtime.logFormat ?? defaultLogFormat(Boolean(tty)),
    destination: consoleMode ? 2 : 1,
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = (logger = loggerFor(config));
  const running = await startWq({ config, logger: log });
  if (running.mode === "console") {
    await running.finished;
    return;
  }
  let signalled = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      signalled = true;
      log.info(`${signal}: stopping`);
      void running.stop().then(() => process.exit(0));
    });
  }
  await running.ready;
  await running.finished;
  // Stopped without a signal: it lost what it answers with (its search index). Exit 1, so that
  // the host starts it again.
  if (!signalled) {
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 2000).unref();
  }
}

main().catch((e: unknown) => {
  // Settings mistakes are for the person starting wq: plain text on stderr, whatever the log format.
  if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  else if (logger) logger.error("wq could not start", e);
  else process.stderr.write(`wq could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
  // A bot with timers and sockets would otherwise linger after failing to start.
  setTimeout(() => process.exit(1), 2000).unref();
});
