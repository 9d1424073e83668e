import { changeCommand } from "./subscriptions.ts";

export const resume = changeCommand("resume", "start a paused subscription again.");
