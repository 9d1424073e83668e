import { z } from "zod";

/**
 * A word-level comparison of two texts, platform-neutral: runs of plain text, text taken out
 * (`del`, shown struck through) and text put in (`ins`, shown bold). Adapters render the marks in
 * their own markup and cut it to their limits.
 */
export const DiffSegmentSchema = z.object({ text: z.string(), mark: z.enum(["del", "ins"]).nullable() });
export type DiffSegment = z.infer<typeof DiffSegmentSchema>;

export const AnswerDiffSchema = z.object({
  /** What is compared, e.g. "What the correction changed". */
  label: z.string(),
  segments: z.array(DiffSegmentSchema),
  /**
   * False when the texts differ too much for a word-level comparison in bounded time: then the
   * segments are the whole original struck through and the whole correction added.
   */
  wordLevel: z.boolean(),
});
export type AnswerDiff = z.infer<typeof AnswerDiffSchema>;
