import type { OutboxItem } from "../../model/alerts.ts";

/** What every outbox item starts with: pending, never tried, made at `createdAt` (ISO). */
export function untried(createdAt: string): Pick<OutboxItem, "state" | "attempts" | "notBefore" | "messageId" | "lastError" | "createdAt"> {
  return { state: "pending", attempts: 0, notBefore: null, messageId: null, lastError: null, createdAt };
}
