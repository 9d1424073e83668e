/**
 * The whole environment, parsed once at start: each layer owns its settings in its own config.ts
 * (the same shape everywhere: `<Layer>ConfigSchema`, `load<Layer>Config(env)`, and
 * `<layer>Configured(env)` for the optional chat platforms); this module asks every layer a
 * program needs, gathers every mistake of every layer into one ConfigError, and hands each layer
 * its parsed slice. Nothing below reads process.env.
 */
import { discordConfigured, loadDiscordConfig, type DiscordConfig } from "./adapters/discord/config.ts";
import { loadSharedConfig, type SharedConfig } from "./adapters/shared/config.ts";
import { loadSlackConfig, slackConfigured, type SlackConfig } from "./adapters/slack/config.ts";
import { loadCoreConfig, type CoreConfig } from "./core/config.ts";
import { ConfigError, configErrorOf } from "./env.ts";
import { loadRuntimeConfig, type RuntimeConfig } from "./runtime/config.ts";
import { loadSourcesConfig, type SourcesConfig } from "./sources/config.ts";
import { loadStoreConfig, type StoreConfig } from "./store/config.ts";

export { ConfigError } from "./env.ts";

export interface Config {
  runtime: RuntimeConfig;
  store: StoreConfig;
  core: CoreConfig;
  sources: SourcesConfig;
  /** What the chat adapters share (rate limits). */
  shared: SharedConfig;
  /** Null when the environment does not ask for the platform. */
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
}

type Env = Record<string, string | undefined>;

const LOADERS: { [K in keyof Config]: (env: Env) => Config[K] } = {
  runtime: loadRuntimeConfig,
  store: loadStoreConfig,
  core: loadCoreConfig,
  sources: loadSourcesConfig,
  shared: loadSharedConfig,
  slack: (env) => (slackConfigured(env) ? loadSlackConfig(env) : null),
  discord: (env) => (discordConfigured(env) ? loadDiscordConfig(env) : null),
};

export type Layer = keyof Config;

/** Every layer: what `npm start` needs. */
export const ALL_LAYERS: readonly Layer[] = Object.keys(LOADERS) as Layer[];

/**
 * The settings of the layers asked for (every layer by default). Every mistake in every one of
 * them is reported together, in one ConfigError whose lines each name a variable.
 */
export function loadConfig(env: Env): Config;
export function loadConfig<K extends Layer>(env: Env, layers: readonly K[]): Pick<Config, K>;
export function loadConfig(env: Env, layers: readonly Layer[] = ALL_LAYERS): Partial<Config> {
  const problems: string[] = [];
  const config: Partial<Record<Layer, unknown>> = {};
  for (const layer of layers) {
    try {
      config[layer] = LOADERS[layer](env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  // PORT is read by the process and by Slack in HTTP mode (where Slack was told to post): one line for it.
  if (problems.length) throw configErrorOf("wq", [...new Set(problems)]);
  return config as Partial<Config>;
}
