import { londonDay } from "../../model/days.ts";

/** The London day of a command's clock; the real one when it has none. */
export function todayOf(deps: { now?: () => Date }): string {
  return londonDay(deps.now ? deps.now() : new Date());
}
