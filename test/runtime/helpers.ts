/** Starting wq as main does, with its index opening held back until a test lets it go. */
import { loadConfig } from "../../src/config.ts";
import { openCore, type OpenCoreOptions, type OpenedCore } from "../../src/core/open-core.ts";
import { startWq, type Running, type StartOptions } from "../../src/runtime/start.ts";
import type { HealthReport } from "../../src/runtime/health.ts";
import { SEEDS_DIR } from "../helpers/core.ts";

export interface Gate {
  /** Lets the index open. */
  open(): void;
  openCore(options: OpenCoreOptions): Promise<OpenedCore>;
  /** Whether openCore has been asked for (the process got that far). */
  readonly asked: boolean;
}

export function gatedIndex(): Gate {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  let asked = false;
  return {
    open,
    get asked() {
      return asked;
    },
    async openCore(options) {
      asked = true;
      await gate;
      return openCore(options);
    },
  };
}

/** Settings every runtime test shares: a fresh in-memory store with the seed, no snapshot, no sync. */
export const BASE_ENV = { WQ_DB: ":memory:", WQ_SEEDS: SEEDS_DIR, WQ_INDEX_CACHE: "off", WQ_SYNC_INTERVAL: "0", PORT: "0" };

export const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export async function health(port: number): Promise<{ status: number; body: HealthReport; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as HealthReport };
}

/** wq started as main starts it over BASE_ENV plus `env`, its index held back by a gate. */
export async function startGated(env: Record<string, string>, options: Partial<StartOptions> = {}): Promise<{ running: Running; gate: Gate }> {
  const gate = gatedIndex();
  const running = await startWq({ config: loadConfig({ ...BASE_ENV, ...env }), logger: quiet, host: "127.0.0.1", openCore: gate.openCore, ...options });
  return { running, gate };
}
