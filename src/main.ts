import "dotenv/config";
import { discordConfigured } from "./adapters/discord/config.ts";
import { slackConfigured } from "./adapters/slack/config.ts";
import { ConfigError, LogLevelSchema } from "./config.ts";
import { createLogger, defaultLogFormat, type LogFormat } from "./log/create-logger.ts";
import { startWq } from "./runtime/start.ts";

/**
 * `npm start` / `node dist/main.js`: the console when no chat platform is configured, else the
 * bot (src/runtime/start.ts). Here only what belongs to the process: its logger, its signals and
 * its exit code.
 */
const env = process.env;
const consoleMode = !slackConfigured(env) && !discordConfigured(env);
// Read before the settings are checked, so that their mistakes are logged as asked; a bad value
// is reported with the rest by startWq.
const level = LogLevelSchema.safeParse(env["WQ_LOG_LEVEL"]).data ?? (consoleMode ? "warn" : "info");
const format = (["json", "pretty"] as const).find((f) => f === env["WQ_LOG_FORMAT"]);
// The console's own output is the conversation: its log lines go to stderr, beside it.
const destination = consoleMode ? 2 : 1;
const logger = createLogger({ level, format: format ?? defaultLogFormat(Boolean(consoleMode ? process.stderr.isTTY : process.stdout.isTTY)) as LogFormat, destination });

async function main(): Promise<void> {
  const running = await startWq({ env, logger });
  if (running.mode === "console") {
    await running.finished;
    return;
  }
  let signalled = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      signalled = true;
      logger.info(`${signal}: stopping`);
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
  else logger.error("wq could not start", e);
  process.exitCode = 1;
  // A bot with timers and sockets would otherwise linger after failing to start.
  setTimeout(() => process.exit(1), 2000).unref();
});
