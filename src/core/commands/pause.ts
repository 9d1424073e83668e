import { changeCommand } from "./subscriptions.ts";

export const pause = changeCommand("pause", "pause one; nothing is posted until it is resumed.");
