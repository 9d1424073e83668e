/**
 * The command table: every command wq understands, in the order help lists them. Adding a command
 * is one file exporting `defineCommand({...})` and one line here.
 */
import type { Command } from "./command.ts";
import { help } from "./help.ts";
import { latest } from "./latest.ts";
import { overdue } from "./overdue.ts";
import { pause } from "./pause.ts";
import { resume } from "./resume.ts";
import { search } from "./search.ts";
import { show } from "./show.ts";
import { status } from "./status.ts";
import { trend } from "./trend.ts";
import { subscriptions } from "./list-subscriptions.ts";
import { subscribe } from "./subscribe.ts";
import { unsubscribe } from "./unsubscribe.ts";
import { unwatch, watch, watching } from "./watch.ts";

export const COMMANDS: readonly Command[] = [
  search,
  show,
  latest,
  overdue,
  trend,
  status,
  subscribe,
  subscriptions,
  unsubscribe,
  pause,
  resume,
  watch,
  watching,
  unwatch,
  help,
];
