/** What is left of one message's block and block-text allowance while the renderer fills it. */
import { totalTextLength, type WqBlock } from "./blocks.ts";

export class Budget {
  constructor(
    public blocksLeft: number,
    public charsLeft: number,
  ) {}

  fits(blocks: readonly WqBlock[]): boolean {
    return blocks.length <= this.blocksLeft && totalTextLength(blocks) <= this.charsLeft;
  }

  take(blocks: readonly WqBlock[]): void {
    this.blocksLeft -= blocks.length;
    this.charsLeft -= totalTextLength(blocks);
  }
}
