import type { Logger } from "../../logger.ts";

/** The adapter takes wq's logger; `console` fits. */
export type DiscordLogger = Logger;
