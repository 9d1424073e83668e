import type { BenchSection } from "./section.ts";

/** A section as a Markdown table: what README holds and the terminal shows. */
export function markdown(section: BenchSection): string {
  const cell = (v: string | number | undefined): string => String(v ?? "").replace(/\|/g, "\\|");
  const lines = [
    `### ${section.title}`,
    "",
    `| ${section.columns.map(cell).join(" | ")} |`,
    `| ${section.columns.map(() => "---").join(" | ")} |`,
    ...section.rows.map((row) => `| ${section.columns.map((c) => cell(row[c])).join(" | ")} |`),
    "",
    section.note,
  ];
  return lines.join("\n");
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** README with the text between the bench markers replaced; the markers must be there. */
export function replaceBenchBlock(readme: string, block: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  return readme.slice(0, start + START.length) + "\n" + block.trim() + "\n" + readme.slice(end);
}
