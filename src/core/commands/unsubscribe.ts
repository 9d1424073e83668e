import { changeCommand } from "./subscriptions.ts";

export const unsubscribe = changeCommand("unsubscribe", "stop one of this channel's subscriptions.");
