/** One table of `npm run bench`: printed to the terminal and written into README. */
export interface BenchSection {
  title: string;
  /** Column names in order; every row has a value for each. */
  columns: string[];
  rows: Array<Record<string, string | number>>;
  /** One or two sentences: what was measured, on what data, how often. */
  note: string;
}
