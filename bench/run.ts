/**
 * `npm run bench`: every benchmark, printed as tables and written into README's Performance
 * section. Figures are medians and percentiles from this machine at the time; nothing asserts them.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { benchCore, benchScaleImport } from "./core.ts";
import { benchDiscord } from "./discord.ts";
import type { BenchSection } from "./section.ts";
import { benchSlack } from "./slack.ts";
import { benchBusy } from "./busy.ts";
import { benchSearch } from "./search.ts";
import { benchStartup } from "./startup.ts";
import { benchRuntime } from "./runtime.ts";
import { benchSync } from "./sync.ts";
import { markdown, replaceBenchBlock } from "./table.ts";
import { corpusPresent, CORPUS_SKIP_MESSAGE } from "../test/helpers/corpus.ts";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

async function alerts(): Promise<BenchSection[]> {
  const path = fileURLToPath(new URL("./alerts.ts", import.meta.url));
  if (!existsSync(path)) return [];
  const mod = (await import(path)) as { benchAlerts?: () => Promise<BenchSection> };
  return mod.benchAlerts ? [await mod.benchAlerts()] : [];
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  const sections: BenchSection[] = [];
  const add = (s: BenchSection | BenchSection[]): void => {
    for (const one of Array.isArray(s) ? s : [s]) {
      sections.push(one);
      process.stdout.write(markdown(one) + "\n\n");
    }
  };
  if (!corpusPresent) process.stdout.write(`Corpus benchmarks ${CORPUS_SKIP_MESSAGE}\n\n`);
  if (corpusPresent && want("core")) add(await benchCore());
  if (want("import-scale")) add(await benchScaleImport());
  if (corpusPresent && want("search")) add(await benchSearch());
  if (corpusPresent && want("startup")) add(await benchStartup());
  if (corpusPresent && want("runtime")) add(await benchRuntime());
  if (want("sync")) add(await benchSync());
  if (want("slack")) add(await benchSlack());
  if (corpusPresent && want("busy")) add(await benchBusy());
  if (want("discord")) add(await benchDiscord());
  if (want("alerts")) add(await alerts());
  if (corpusPresent && want("trend")) add(await (await import("./trend.ts")).benchTrend());

  // Only a full run on the whole corpus rewrites README: partial figures would mislead.
  if (only.length === 0 && corpusPresent) {
    const machine = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; a shared machine, so read medians and percentiles, not single runs.`;
    writeFileSync(README, replaceBenchBlock(readFileSync(README, "utf8"), [machine, ...sections.map(markdown)].join("\n\n")));
    process.stdout.write("README.md Performance section updated.\n");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
