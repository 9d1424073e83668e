/** Reading what wq sent: every text in a message's blocks, and its buttons. */
import { z } from "zod";

const ButtonSchema = z.object({ action_id: z.string(), value: z.string(), text: z.object({ text: z.string() }) });
export type Button = z.infer<typeof ButtonSchema>;

/** All strings under a message (blocks, text, view), joined: for "contains" checks. */
export function allText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(allText).join("\n");
  if (value && typeof value === "object") return Object.values(value).map(allText).join("\n");
  return "";
}

export function buttons(message: object): Button[] {
  const blocks = z.array(z.looseObject({ type: z.string(), elements: z.array(z.unknown()).optional() })).catch([]).parse(Reflect.get(message, "blocks"));
  return blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? [])
    .map((e) => ButtonSchema.safeParse(e))
    .flatMap((r) => (r.success ? [r.data] : []));
}

/** Every string Slack parses as mrkdwn: the `text` fallback and each mrkdwn text object. */
export function mrkdwnTexts(message: object): string[] {
  const text: unknown = Reflect.get(message, "text");
  const out: string[] = typeof text === "string" ? [text] : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const inner: unknown = Reflect.get(value, "text");
      if (Reflect.get(value, "type") === "mrkdwn" && typeof inner === "string") out.push(inner);
      Object.values(value).forEach(walk);
    }
  };
  walk(Reflect.get(message, "blocks"));
  return out;
}
