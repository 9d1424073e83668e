/**
 * npm run holidays: writes src/core/lateness/bank-holidays.ts, England-and-Wales bank holidays as
 * `date-holidays` computes them, so that counting working days does not load the package (and
 * moment with its time zones) at run time. Run it after updating date-holidays or moving the
 * range: test/core/lateness/bank-holidays.test.ts fails while the table and the package differ.
 *   npx tsx scripts/bank-holidays.ts [FIRST_YEAR LAST_YEAR]     default 2000 2050
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { calendarHolidays, dayOf } from "../src/core/lateness/working-days.ts";

const [first, last] = [process.argv[2] ?? "2000", process.argv[3] ?? "2050"].map(Number);
if (!Number.isInteger(first) || !Number.isInteger(last) || first! > last!) {
  console.error("usage: npx tsx scripts/bank-holidays.ts [FIRST_YEAR LAST_YEAR]");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("date-holidays/package.json"), "utf8")) as { version: string };
const lines: string[] = [];
for (let year = first!; year <= last!; year++) lines.push(`  ${JSON.stringify(calendarHolidays(year).map(dayOf).join(" "))},`);
const target = new URL("../src/core/lateness/bank-holidays.ts", import.meta.url);
writeFileSync(
  target,
  `// Written by scripts/bank-holidays.ts (npm run holidays) from date-holidays ${pkg.version}: not to be edited by hand.

/** The first year of BANK_HOLIDAYS; a year outside the table is asked of date-holidays itself. */
export const BANK_HOLIDAYS_FROM = ${first};

/**
 * England-and-Wales bank holidays that fall on a weekday (substitute days and one-off holidays
 * included), one string a year from BANK_HOLIDAYS_FROM, the days in order and space-separated.
 */
export const BANK_HOLIDAYS: readonly string[] = [
${lines.join("\n")}
];
`,
);
console.log(`Wrote ${last! - first! + 1} years (${first}-${last}) to ${target.pathname}`);
