/**
 * The App Home tab: what wq does, then the core's own help text (query syntax and examples), so
 * the syntax is written once, in the core.
 */
import type { Reply } from "../../model/reply.ts";
import { context, divider, header, section, type WqBlock } from "./blocks.ts";
import { chunkMrkdwn, fitMrkdwn } from "./cut.ts";
import { SLACK_LIMITS } from "./limits.ts";

export interface HomeView {
  type: "home";
  blocks: WqBlock[];
}

const INTRO =
  "wq brings UK Parliament written questions and their answers into Slack. " +
  "Type `/wq` in any channel: results are shown only to you until you press *Share to channel*. " +
  "Links to questions-statements.parliament.uk unfurl into the question.";

export function renderHome(help: Reply): HomeView {
  const blocks: WqBlock[] = [header(help.title || "wq"), section(INTRO), divider];
  for (const chunk of chunkMrkdwn(help.text, [], SLACK_LIMITS.sectionText)) blocks.push(section(chunk));
  for (const card of help.cards) blocks.push(section(fitMrkdwn(`${card.title}\n${card.body}`, [], SLACK_LIMITS.sectionText).mrkdwn));
  blocks.push(context(["Answers are the official text from questions-statements.parliament.uk."]));
  return { type: "home", blocks: blocks.slice(0, SLACK_LIMITS.homeBlocks) };
}
